using Provisioning.Bicep.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    public const string JwtSecretKeyParameter = "jwtSecretKey";
    public const string PostgresAdminPasswordParameter = "postgresAdminPassword";
    public const string OpenAiApiKeyParameter = "openAiApiKey";

    /// <summary>What every template of the environment declares: where, which environment, and the tags.</summary>
    private static void AddCommonParameters(TodoTemplateContext c)
    {
        var t = c.Template;
        c.Location = t.Add(new Parameter("location", "string") { Description = "Azure region of every resource." });
        c.EnvironmentName = t.Add(new Parameter("environmentName", "string")
        {
            Description = "The environment (azd's AZURE_ENV_NAME); it names and tags every resource.",
            AllowedValues = [c.Env],
        });
        c.Tags = t.Add(new Variable("tags", Expr.Object(
            Expr.Prop("azd-env-name", c.EnvironmentName.Reference),
            Expr.Prop("workload", c.Config.NamePrefix),
            Expr.Prop("environment", c.Env),
            Expr.Prop("managed-by", "provisioning-generator")))
        {
            Description = "Tags on every resource; azd finds the environment by azd-env-name.",
        });
    }

    /// <summary>The images to run and the secrets, which only the main template needs.</summary>
    private static void AddDeploymentParameters(TodoTemplateContext c)
    {
        var t = c.Template;
        c.Images = new[] { TodoContract.Frontend, TodoContract.Backend, TodoContract.Mcp, TodoContract.Migrate, TodoContract.Probe }
            .ToDictionary(component => component, component => t.Add(new Parameter(component + "Image", "string")
            {
                Description = $"The {component} image in this environment's registry, as repository:tag or repository@sha256:digest.",
                MinLength = 3,
            }));
        c.JwtSecretKey = t.Add(new Parameter(JwtSecretKeyParameter, "string")
        {
            IsSecure = true,
            Description = "JWT_SECRET_KEY: HS256 key shared by frontend, backend, mcp and probe; at least 32 random bytes. Stored in Key Vault only.",
            MinLength = 32,
        });
        c.PostgresAdminPassword = t.Add(new Parameter(PostgresAdminPasswordParameter, "string")
        {
            IsSecure = true,
            Description = "Password of the PostgreSQL administrator; it reaches apps only inside the DATABASE_URL Key Vault secret.",
            MinLength = 16,
            MaxLength = 128,
        });
        if (c.Config.Backend.OpenAiApiKey)
        {
            c.OpenAiApiKey = t.Add(new Parameter(OpenAiApiKeyParameter, "string")
            {
                IsSecure = true,
                Description = "OPENAI_API_KEY for the backend. Stored in Key Vault only.",
                MinLength = 1,
            });
        }
    }
}
