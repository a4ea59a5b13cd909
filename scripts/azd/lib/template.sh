# Sourced by the azd hooks (POSIX sh). Reads names out of the committed generated/<env>/main.bicep, so the hooks
# follow the generator instead of restating its names.

# template_workloads FILE: one line per container app and job: "<resource name> <app|job> <image parameter>",
# e.g. "ca-todo-dev-frontend app frontendImage". Only literal names are understood; anything else is an error
# (the caller stops), never a silent skip.
template_workloads() {
  awk '
    /^resource [A-Za-z0-9_]+ \047Microsoft\.App\/(containerApps|jobs)@/ {
      kind = ($0 ~ /Microsoft\.App\/jobs@/) ? "job" : "app"; name = ""; inres = 1; next
    }
    /^}/ { inres = 0; next }
    inres && name == "" && /^  name: / {
      name = $0; sub(/^  name: /, "", name)
      if (name !~ /^\047[a-z0-9-]+\047$/) { print "non-literal name " name > "/dev/stderr"; bad = 1 }
      gsub(/\047/, "", name); next
    }
    inres && /image: \047\$\{registry\.properties\.loginServer\}\/\$\{[A-Za-z0-9]+\}\047/ {
      param = $0; sub(/.*\/\$\{/, "", param); sub(/\}\047.*/, "", param)
      print name, kind, param
    }
    END { exit bad }
  ' "$1"
}

# image_variable PARAM: the deployment environment variable that carries a deployed image, frontendImage ->
# DEPLOYED_FRONTEND_IMAGE (main.bicepparam reads it with readEnvironmentVariable, falling back to env/<env>.json).
image_variable() {
  printf 'DEPLOYED_%s_IMAGE\n' "$(printf %s "${1%Image}" | tr '[:lower:]' '[:upper:]')"
}

# template_vault_name FILE: the Key Vault's name as "<prefix> unique" when it is
# '<prefix>${uniqueString(resourceGroup().id, ...)}' (the same group always gets the same name), or
# "<name> literal" for a literal name. Anything else is an error.
template_vault_name() {
  line=$(awk '
    /^resource [A-Za-z0-9_]+ \047Microsoft\.KeyVault\/vaults@/ { inres = 1; next }
    /^}/ { inres = 0 }
    inres && /^  name: / { sub(/^  name: /, ""); print; exit }
  ' "$1")
  case "$line" in
    "'"*'${uniqueString(resourceGroup().id'*")}'")
      prefix=${line#\'}; prefix=${prefix%%\$\{*}
      case "$prefix" in *[!a-z0-9-]*|'') return 1 ;; esac
      printf '%s unique\n' "$prefix" ;;
    "'"*"'")
      name=${line#\'}; name=${name%\'}
      case "$name" in *[!A-Za-z0-9-]*|'') return 1 ;; esac
      printf '%s literal\n' "$name" ;;
    *) return 1 ;;
  esac
}
