using System.Text.RegularExpressions;

namespace Leads.Deploy.Tests.Support;

/// <summary>
/// Our deployable services as the deployment files name them, with what is read from each service's own code: the
/// default listening port (its <c>DefaultUrl</c> constant) and whether it speaks gRPC there.
/// </summary>
public sealed partial record ServiceCatalog(string Project, string ComposeName, bool Grpc, string[] ConnectionStrings, bool Projector)
{
    public const int OpsPort = 8080;

    public static IReadOnlyList<ServiceCatalog> All { get; } =
    [
        new("Leads.CommandService", "command-service", Grpc: true, ["eventstore", "mongo"], Projector: false),
        new("Leads.QueryService", "query-service", Grpc: true, ["eventstore", "mongo", "elasticsearch"], Projector: false),
        new("Leads.ViewProjector", "view-projector", Grpc: true, ["eventstore", "mongo"], Projector: true),
        new("Leads.SearchProjector", "search-projector", Grpc: true, ["eventstore", "mongo", "elasticsearch"], Projector: true),
        new("Leads.IntegrationPublisher", "integration-publisher", Grpc: true, ["eventstore", "mongo", "rabbitmq"], Projector: false),
        new("Leads.Commissions", "commissions", Grpc: false, ["rabbitmq"], Projector: false),
    ];

    public static TheoryData<string> Projects => [.. All.Select(s => s.Project)];

    public static ServiceCatalog Of(string project) => All.Single(s => s.Project == project);

    public string Folder => Path.Combine(RepositoryPaths.Root, "services", Project);

    /// <summary>The one Dockerfile every service image is built from, with <c>--build-arg SERVICE=&lt;compose name&gt;</c>.</summary>
    public static string Dockerfile => Path.Combine(RepositoryPaths.Root, "Dockerfile");

    /// <summary>What this service's image is made of: the Dockerfile's stage named like the service in docker-compose.yml.</summary>
    public DockerfileText Image => DockerfileText.Load(Dockerfile).Image(ComposeName);

    /// <summary>The port in the service's <c>DefaultUrl = "http://127.0.0.1:NNNN"</c> constant, its default when nothing else is configured.</summary>
    public int DefaultPort
    {
        get
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var match = DefaultUrlPattern().Match(File.ReadAllText(file));
                if (match.Success)
                {
                    return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            throw new InvalidOperationException($"{Project} declares no DefaultUrl constant");
        }
    }

    /// <summary>
    /// The port of the search page the service serves beside its own (its <c>DefaultPageUrl = "http://127.0.0.1:NNNN"</c>
    /// constant), or null when it serves none.
    /// </summary>
    public int? PagePort
    {
        get
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var match = DefaultPageUrlPattern().Match(File.ReadAllText(file));
                if (match.Success)
                {
                    return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return null;
        }
    }

    [GeneratedRegex(@"DefaultUrl\s*=\s*""http://127\.0\.0\.1:(\d+)""")]
    private static partial Regex DefaultUrlPattern();

    [GeneratedRegex(@"DefaultPageUrl\s*=\s*""http://127\.0\.0\.1:(\d+)""")]
    private static partial Regex DefaultPageUrlPattern();
}
