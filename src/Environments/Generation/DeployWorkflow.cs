using System.Text;
using Provisioning.Catalogue;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Generation;

/// <summary>
/// The GitHub Actions workflow of the repository (<c>.github/workflows/deploy.yml</c>), rendered from the environment
/// files and the catalogue, so a new environment or secret reaches the pipeline without a hand edit: pull requests
/// run <c>generate --check --validate</c> and <c>plan</c>; a push to main deploys one environment per job, in tier
/// order (development, staging, production), each after the one before it, signed in with a federated credential
/// (OpenID Connect: no stored Azure secret). Approvals are not in the file: they are protection rules of the GitHub
/// environment each job names (docs/deployment.md, "Pipeline").
/// </summary>
public static class DeployWorkflow
{
    public const string RelativePath = ".github/workflows/deploy.yml";

    /// <summary>The job that deploys <paramref name="environment"/>.</summary>
    public static string JobName(string environment) => "deploy-" + environment;

    public static string Render(IReadOnlyList<EnvironmentConfiguration> environments, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(environments);
        var ordered = environments.OrderBy(e => e.Tier).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var y = new StringBuilder();
        y.Append("""
            # Written by `dotnet run --project src/Cli` from env/*.json and src/Catalogue (edit those, not this file).
            # Pull requests: the committed output must be what the generator makes, compile and lint clean, and `plan` shows
            # what each environment would change. main: each environment is deployed by its own job, in tier order, signed in
            # with a federated credential (GitHub OIDC: no Azure secret is stored). Approvals are protection rules of the
            # GitHub environment a job names (production: required reviewers). Per GitHub environment: the variables
            # AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID and the *_SOURCE_IMAGE ones; the secrets listed in each job.
            # Setup and the first deployment of an environment: docs/deployment.md.
            name: deploy
            on:
              pull_request:
                branches: [main]
              push:
                branches: [main]
              workflow_dispatch: {}
            permissions:
              contents: read
            concurrency:
              # One run per branch at a time: a newer push waits for the running deployment instead of cancelling it half-way.
              group: deploy-${{ github.ref }}
              cancel-in-progress: false
            jobs:
              check:
                name: generate --check, validate and plan
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-dotnet@v4
                    with:
                      global-json-file: global.json
                  - name: generated/ is what env/*.json makes, and compiles and lints clean
                    run: dotnet run --project src/Cli -- generate --check --validate
                  - name: plan (exit 1 only says there are changes; 2 is a refused create-only or tier change)
                    run: dotnet run --project src/Cli -- plan || test $? -eq 1

            """);
        var previous = "check";
        foreach (var environment in ordered)
        {
            var job = JobName(environment.Name);
            y.Append('\n').Append("  ").Append(job).Append(":\n");
            y.Append("    name: deploy ").Append(environment.Name).Append(" (").Append(environment.Tier.ToString().ToLowerInvariant()).Append(")\n");
            y.Append("    needs: ").Append(previous).Append('\n');
            y.Append("    if: github.event_name != 'pull_request'\n");
            y.Append("    runs-on: ubuntu-latest\n");
            y.Append("    environment: ").Append(environment.Name).Append('\n');
            y.Append("    permissions:\n      contents: read\n      # The federated credential: GitHub's OIDC token for this environment, exchanged for an Azure token.\n      id-token: write\n");
            y.Append("    env:\n");
            y.Append("      AZURE_ENV_NAME: ").Append(environment.Name).Append('\n');
            y.Append("      AZURE_LOCATION: ").Append(environment.Location).Append('\n');
            y.Append("      AZURE_RESOURCE_GROUP: rg-").Append(environment.NamePrefix).Append('-').Append(environment.Name).Append('\n');
            y.Append("      AZURE_CLIENT_ID: ${{ vars.AZURE_CLIENT_ID }}\n");
            y.Append("      AZURE_TENANT_ID: ${{ vars.AZURE_TENANT_ID }}\n");
            y.Append("      AZURE_SUBSCRIPTION_ID: ${{ vars.AZURE_SUBSCRIPTION_ID }}\n");
            foreach (var component in system.Components.Where(c => c.Kind != WorkloadKind.Job && c.Build is null))
            {
                var variable = AzureYamlServices.SourceImageVariable(component);
                y.Append("      ").Append(variable).Append(": ${{ vars.").Append(variable).Append(" }}\n");
            }
            // Only what `secrets init` cannot make (an external credential, used when the vault lacks it): every other
            // secret is created once in Key Vault and no deployment carries it, so the pipeline holds none of them.
            foreach (var parameter in system.SecureParametersFor(environment).Where(p => p.External))
            {
                y.Append("      ").Append(parameter.Variable).Append(": ${{ secrets.").Append(parameter.Variable).Append(" }}\n");
            }
            y.Append("""
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/setup-dotnet@v4
                        with:
                          global-json-file: global.json
                      - uses: Azure/setup-azd@v2
                      - uses: azure/login@v2
                        with:
                          client-id: ${{ vars.AZURE_CLIENT_ID }}
                          tenant-id: ${{ vars.AZURE_TENANT_ID }}
                          subscription-id: ${{ vars.AZURE_SUBSCRIPTION_ID }}
                      - name: the Azure CLI extensions the stages call (non-interactive runs cannot answer the install prompt)
                        run: az extension add --name containerapp --upgrade --only-show-errors && az extension add --name application-insights --upgrade --only-show-errors
                      - name: azd signs in with the same federated credential
                        run: azd auth login --client-id "$AZURE_CLIENT_ID" --tenant-id "$AZURE_TENANT_ID" --federated-credential-provider github
                      - name: azd up (hooks included)
                        run: |
                          azd env select "$AZURE_ENV_NAME" 2>/dev/null || azd env new "$AZURE_ENV_NAME" --subscription "$AZURE_SUBSCRIPTION_ID" --location "$AZURE_LOCATION"
                          azd env set AZURE_RESOURCE_GROUP "$AZURE_RESOURCE_GROUP" --environment "$AZURE_ENV_NAME"
                          azd up --no-prompt --environment "$AZURE_ENV_NAME"

                """);
            previous = job;
        }
        return y.ToString().TrimEnd('\n') + "\n";
    }
}
