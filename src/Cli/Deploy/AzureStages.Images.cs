using Provisioning.Deployment;
using Provisioning.Environments.Generation;

namespace Provisioning.Cli.Deploy;

internal sealed partial class AzureStages
{
    /// <summary>
    /// Every workload's image into the environment's registry, without a Docker engine: images built here go through
    /// ACR Tasks (<c>az acr build</c>) from exactly the files their Dockerfile copies; images built elsewhere are
    /// copied registry to registry (<c>az acr import</c>). A tag the registry has already is left alone. Each image
    /// is then what the data and workloads templates deploy (<c>DEPLOYED_&lt;COMPONENT&gt;_IMAGE</c>).
    /// </summary>
    private async Task ImagesAsync(CancellationToken cancellationToken)
    {
        var stage = DeploymentStages.Images;
        var registry = await OutputAsync(stage, "bootstrap", "AZURE_CONTAINER_REGISTRY_NAME", cancellationToken).ConfigureAwait(false);
        foreach (var component in TodoSystem.Description.Components)
        {
            string image;
            if (component.Build is { } build)
            {
                image = await BuildAsync(stage, registry, component, build, cancellationToken).ConfigureAwait(false);
            }
            else if (request.Value(AzureYamlServices.SourceImageVariable(component)) is { } source)
            {
                image = await ImportAsync(stage, registry, source, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var deployed = await DeployedImagesAsync(stage, cancellationToken).ConfigureAwait(false);
                image = deployed.TryGetValue(component.Name, out var running)
                    ? running
                    : throw new StageFailedException(ExitCodes.InvalidInput, $"{AzureYamlServices.SourceImageVariable(component)} is not set and {component.Name} is not deployed. Fix: {request.HowToSet(AzureYamlServices.SourceImageVariable(component), "<registry>/<repository>:<tag>")}");
                await Say($"{component.Name} keeps {image} ({AzureYamlServices.SourceImageVariable(component)} is not set).").ConfigureAwait(false);
            }
            await KeepAsync(stage, EnvironmentGenerator.DeployedImageVariable(component.ImageParameter), image, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> BuildAsync(DeploymentStage stage, string registry, ComponentSpec component, ImageBuild build, CancellationToken cancellationToken)
    {
        var root = request.RepositoryRoot;
        var project = Path.GetFullPath(Path.Combine(root, build.Project));
        if (!string.Equals(Path.GetFullPath(Path.Combine(project, build.Context)).TrimEnd('/'), root.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new StageFailedException(ExitCodes.InvalidInput, $"{component.Name}: its build context {build.Context} (from {build.Project}) is not the repository root, which the image builds expect.");
        }
        var dockerfile = Path.GetRelativePath(root, Path.Combine(project, build.Dockerfile)).Replace('\\', '/');
        var context = BuildContext.Of(root, dockerfile);
        var repository = request.Configuration.Images[component.Name].Split(':', '@')[0];
        var image = context.Tag(root, repository);
        if (await HasAsync(stage, registry, image, cancellationToken).ConfigureAwait(false))
        {
            await Say($"{registry} already has {image}; not rebuilt.").ConfigureAwait(false);
            return image;
        }
        var folder = Directory.CreateTempSubdirectory("deploy-context.").FullName;
        try
        {
            context.CopyTo(root, folder);
            await Say($"building {image} in {registry} with ACR Tasks from {context.Files.Count} files ({dockerfile})").ConfigureAwait(false);
            var answer = await az.StreamAsync(stage.Name, ["acr", "build", "--registry", registry, "--image", image, "--file", dockerfile, "."], cancellationToken, folder).ConfigureAwait(false);
            return answer.ExitCode == 0
                ? image
                : throw new StageFailedException(ExitCodes.CheckFailed, $"az acr build of {image} in {registry} failed; its log is above. Nothing was deployed by this stage.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<string> ImportAsync(DeploymentStage stage, string registry, string source, CancellationToken cancellationToken)
    {
        var image = WithoutRegistry(source);
        if (await HasAsync(stage, registry, image, cancellationToken).ConfigureAwait(false))
        {
            await Say($"{registry} already has {image}; not imported again.").ConfigureAwait(false);
            return image;
        }
        await Say($"importing {source} into {registry} as {image}").ConfigureAwait(false);
        await az.RequireAsync(stage.Name, ["acr", "import", "--name", registry, "--source", source, "--image", image],
            $"az acr import of {source}",
            $"check that {source} exists and that you may read it (az acr import reads another Azure registry with your sign-in; for another registry pass its credentials through the source, or import it once by hand with --username/--password).",
            cancellationToken).ConfigureAwait(false);
        return image;
    }

    private async Task<bool> HasAsync(DeploymentStage stage, string registry, string image, CancellationToken cancellationToken) =>
        (await az.CallAsync(stage.Name, ["acr", "repository", "show", "--name", registry, "--image", image, "--output", "none"], cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>repository:tag of an image reference: its first segment is a registry when it has a dot, a colon or is localhost.</summary>
    internal static string WithoutRegistry(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return source;
        }
        var first = source[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? source[(slash + 1)..] : source;
    }
}
