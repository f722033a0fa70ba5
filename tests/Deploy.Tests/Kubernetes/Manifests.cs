using System.Diagnostics;
using Leads.Deploy.Tests.Support;
using Leads.Testing;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Kubernetes;

/// <summary>The kustomize tree under deploy/k8s: its files, and overlays rendered by <c>kubectl kustomize</c> when it is installed.</summary>
public static class Manifests
{
    public static string Root { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    public static TheoryData<string> Overlays => ["dev", "prod"];

    public static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>The base's resources, as written (no overlay applied).</summary>
    public static IReadOnlyList<YamlMappingNode> Base() =>
        [.. YamlFile.LoadAll(Path.Combine(Root, "base", "kustomization.yaml")).Single().Seq("resources")
            .Cast<YamlScalarNode>()
            .SelectMany(r => YamlFile.LoadAll(Path.Combine(Root, "base", r.Value!)))];

    /// <summary>
    /// The overlay rendered by <c>kubectl kustomize</c> (prod with its example secrets file), or a skip naming why not.
    /// The tree is copied first so that nothing is written into the repository.
    /// </summary>
    public static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string overlay, CancellationToken cancellationToken)
    {
        var kubectl = new[] { "/usr/local/bin/kubectl", "/usr/bin/kubectl" }.FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            Assert.Skip("kubectl is not installed here, so the overlays cannot be rendered; the base files are still checked");
        }

        using var copy = new TempDirectory();
        CopyTree(Root, copy.Path);
        var example = Path.Combine(copy.Path, "overlays", "prod", "secrets.env.example");
        File.Copy(example, Path.Combine(copy.Path, "overlays", "prod", "secrets.env"), overwrite: true);

        var info = new ProcessStartInfo(kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("kustomize");
        info.ArgumentList.Add(Path.Combine(copy.Path, "overlays", overlay));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize overlays/{overlay} failed: {await error}");
        return YamlFile.Parse(await output, $"overlays/{overlay} (rendered)");
    }

    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> docs, params string[] kinds) =>
        docs.Where(d => kinds.Contains(d.Str("kind")));

    public static YamlMappingNode Named(this IEnumerable<YamlMappingNode> docs, string kind, string name) =>
        docs.OfKind(kind).SingleOrDefault(d => d.MapAt("metadata").Str("name") == name)
        ?? throw new KeyNotFoundException($"no {kind} {name}");

    public static string Name(this YamlMappingNode doc) => doc.MapAt("metadata").Str("name")!;

    public static YamlMappingNode PodSpec(this YamlMappingNode workload) => workload.MapAt("spec", "template", "spec");

    public static IEnumerable<YamlMappingNode> Containers(this YamlMappingNode workload) =>
        workload.PodSpec().Seq("containers").Cast<YamlMappingNode>();

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
