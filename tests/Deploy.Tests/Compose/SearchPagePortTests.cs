using Leads.Deploy.Tests.Kubernetes;
using Leads.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// The search page that the query service serves on its own HTTP/1.1 port (its <c>DefaultPageUrl</c>): the image
/// declares that endpoint, docker compose publishes it, the cluster routes to it, and <c>make run</c> starts it there
/// and prints its address.
/// </summary>
public sealed class SearchPagePortTests
{
    private static readonly ServiceCatalog Query = ServiceCatalog.Of("Leads.QueryService");

    private static int PagePort => Query.PagePort ?? throw new InvalidOperationException("the query service declares no DefaultPageUrl");

    [Fact]
    public void Only_the_query_service_serves_a_page()
    {
        Assert.Equal(["Leads.QueryService"], ServiceCatalog.All.Where(s => s.PagePort is not null).Select(s => s.Project));
        Assert.Equal(5103, PagePort);
    }

    [Fact]
    public void The_image_listens_for_the_page_over_HTTP_1_on_its_port()
    {
        var env = Query.Image.Environment();

        Assert.Equal($"http://+:{PagePort}", env["Kestrel__Endpoints__page__Url"]);
        Assert.Equal("Http1", env["Kestrel__Endpoints__page__Protocols"]);
    }

    [Fact]
    public void Docker_compose_publishes_the_page_port()
    {
        var service = YamlFile.LoadAll(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")).Single().MapAt("services").MapAt(Query.ComposeName);

        Assert.Contains($"{PagePort}:{PagePort}", service.Seq("ports").Cast<YamlScalarNode>().Select(p => p.Value));
    }

    [Fact]
    public void The_cluster_declares_the_page_port_and_routes_to_it()
    {
        var docs = Manifests.Base();
        var container = Assert.Single(docs.OfKind("Deployment").Single(w => w.Name() == Query.ComposeName).Containers());
        var ports = container.Seq("ports").Cast<YamlMappingNode>().ToDictionary(p => p.Str("name")!, p => p.Str("containerPort")!);
        var servicePorts = docs.Named("Service", Query.ComposeName).MapAt("spec").Seq("ports").Cast<YamlMappingNode>();

        Assert.Equal(PagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), ports["page"]);
        Assert.Contains(servicePorts, p => p.Str("targetPort") == "page" && p.Str("port") == ports["page"]);
    }

    [Fact]
    public void Make_run_starts_the_page_on_its_port_and_prints_its_address()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "local", "run.sh"));

        Assert.Contains($"page_port={PagePort}", script, StringComparison.Ordinal);
        Assert.Contains("--Leads:SearchPage:Url=", script, StringComparison.Ordinal);
        Assert.Contains("search page", script, StringComparison.Ordinal);
    }
}
