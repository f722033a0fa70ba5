using Leads.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s: every file parses, kustomizations name files that exist, and the base and both rendered overlays are consistent with the services.</summary>
public sealed class ManifestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_manifest_file_parses_and_names_its_kind()
    {
        var files = Manifests.YamlFiles().ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} manifest files");
        foreach (var file in files)
        {
            var docs = YamlFile.LoadAll(file);
            Assert.NotEmpty(docs);
            foreach (var doc in docs)
            {
                Assert.False(string.IsNullOrEmpty(doc.Str("apiVersion")), $"{file}: a document without apiVersion");
                Assert.False(string.IsNullOrEmpty(doc.Str("kind")), $"{file}: a document without kind");
                if (doc.Str("kind") != "Kustomization")
                {
                    Assert.False(string.IsNullOrEmpty(doc.Map("metadata")?.Str("name")), $"{file}: a {doc.Str("kind")} without a name");
                }
            }
        }
    }

    [Fact]
    public void Kustomizations_name_files_that_exist_and_patch_resources_of_the_base()
    {
        var baseDocs = Manifests.Base();
        foreach (var kustomization in Directory.EnumerateFiles(Manifests.Root, "kustomization.yaml", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(kustomization)!;
            var doc = YamlFile.LoadAll(kustomization).Single();
            foreach (var resource in doc.Seq("resources").Cast<YamlScalarNode>())
            {
                var path = Path.Combine(folder, resource.Value!);
                Assert.True(File.Exists(path) || File.Exists(Path.Combine(path, "kustomization.yaml")), $"{kustomization}: resource {resource.Value} does not exist");
            }

            foreach (var patch in doc.Seq("patches").Cast<YamlMappingNode>())
            {
                var path = Path.Combine(folder, patch.Str("path")!);
                Assert.True(File.Exists(path), $"{kustomization}: patch {patch.Str("path")} does not exist");
                foreach (var target in YamlFile.LoadAll(path))
                {
                    Assert.Contains(baseDocs, d => d.Str("kind") == target.Str("kind") && d.Name() == target.Name());
                }
            }

            foreach (var replica in doc.Seq("replicas").Cast<YamlMappingNode>())
            {
                Assert.Contains(baseDocs.OfKind("Deployment", "StatefulSet"), d => d.Name() == replica.Str("name"));
            }

            foreach (var image in doc.Seq("images").Cast<YamlMappingNode>())
            {
                Assert.Contains(ClusterConsistency.Workloads(baseDocs).SelectMany(w => w.Containers()), c => c.Str("image")!.StartsWith(image.Str("name") + ":", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_base_is_consistent_with_the_services()
    {
        var docs = Manifests.Base();
        ClusterConsistency.Check(docs);
        Assert.Equal(3, ClusterConsistency.Replicas(docs.Named("StatefulSet", "eventstore")));
        Assert.Equal(3, ClusterConsistency.Replicas(docs.Named("StatefulSet", "mongo")));
        Assert.True(ClusterConsistency.Replicas(docs.Named("Deployment", "command-service")) >= 2);
        Assert.True(ClusterConsistency.Replicas(docs.Named("Deployment", "query-service")) >= 2);
    }

    [Fact]
    public void No_manifest_or_example_carries_a_signing_key_and_the_readme_says_how_to_create_the_secret_in_one_command()
    {
        foreach (var file in Directory.EnumerateFiles(Manifests.Root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotMatch(@"(?m)^\s*Auth__SigningKey\s*[:=]", File.ReadAllText(file));
        }

        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "README.md"));
        Assert.Contains("kubectl create secret generic leads-auth --from-literal=Auth__SigningKey=\"$(openssl rand -base64 48)\"", readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task A_rendered_overlay_is_consistent_with_the_services(string overlay)
    {
        var docs = await Manifests.RenderAsync(overlay, Ct);
        ClusterConsistency.Check(docs);

        var ns = docs.OfKind("Namespace").Single().Name();
        Assert.All(docs.Where(d => d.Str("kind") != "Namespace"), d => Assert.Equal(ns, d.MapAt("metadata").Str("namespace")));
        foreach (var service in ServiceCatalog.All)
        {
            var image = docs.OfKind("Deployment", "StatefulSet").Single(w => w.Name() == service.ComposeName).Containers().Single().Str("image")!;
            Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"{overlay}: {service.ComposeName} runs {image}");
        }

        if (overlay == "prod")
        {
            Assert.Equal(3, ClusterConsistency.Replicas(docs.Named("StatefulSet", "eventstore")));
            Assert.Equal(3, ClusterConsistency.Replicas(docs.Named("StatefulSet", "mongo")));
            Assert.True(ClusterConsistency.Replicas(docs.Named("Deployment", "command-service")) >= 3);
        }
    }
}
