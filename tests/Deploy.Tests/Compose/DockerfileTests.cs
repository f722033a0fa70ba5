using Leads.Deploy.Tests.Support;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// Each service's Dockerfile: multi-stage (SDK builds, ASP.NET runtime runs: no SDK in the image), the app user, the
/// service's own port plus the HTTP/1.1 ops port, a health check, and copies of files that exist.
/// </summary>
public sealed class DockerfileTests
{
    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Builds_with_the_SDK_and_runs_on_the_ASP_NET_runtime_only(string project)
    {
        var dockerfile = DockerfileText.Load(ServiceCatalog.Of(project).Dockerfile);
        var stages = dockerfile.All("FROM").ToList();
        Assert.Equal(2, stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0]);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);

        var final = dockerfile.FinalStage();
        Assert.All(final.All("COPY"), copy => Assert.StartsWith("--from=build ", copy, StringComparison.Ordinal));
        Assert.DoesNotContain(final.All("RUN"), run => run.Contains("dotnet ", StringComparison.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{project}.dll\"]", final.All("ENTRYPOINT").Single());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Runs_as_the_non_root_app_user(string project)
    {
        var final = DockerfileText.Load(ServiceCatalog.Of(project).Dockerfile).FinalStage();
        Assert.Equal("$APP_UID", final.All("USER").Single());
        var user = final.Instructions.Select((i, index) => (i, index)).Single(x => x.i.Instruction == "USER").index;
        var entry = final.Instructions.Select((i, index) => (i, index)).Single(x => x.i.Instruction == "ENTRYPOINT").index;
        Assert.True(user < entry, "USER must come before ENTRYPOINT");
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Exposes_its_port_and_the_ops_port_with_a_health_check_on_the_ops_port(string project)
    {
        var service = ServiceCatalog.Of(project);
        var dockerfile = DockerfileText.Load(service.Dockerfile);
        var final = dockerfile.FinalStage();
        var page = service.PagePort is { } pagePort ? $" {pagePort}" : "";
        Assert.Equal($"{service.DefaultPort} {ServiceCatalog.OpsPort}{page}", final.All("EXPOSE").Single());

        var env = dockerfile.Environment();
        Assert.Equal(ServiceCatalog.OpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["OPS_PORT"]);
        Assert.Equal($"http://+:{ServiceCatalog.OpsPort}", env["Kestrel__Endpoints__ops__Url"]);
        Assert.Equal("Http1", env["Kestrel__Endpoints__ops__Protocols"]);
        var endpoint = service.Grpc ? "grpc" : "http";
        Assert.Equal(service.Grpc ? "Http2" : "Http1", env[$"Kestrel__Endpoints__{endpoint}__Protocols"]);
        Assert.Equal("/data", env["Leads__DataDirectory"]);

        Assert.Contains("/dev/tcp/127.0.0.1/$OPS_PORT", dockerfile.HealthCheckCommand(), StringComparison.Ordinal);
        Assert.Contains("GET /health ", dockerfile.HealthCheckCommand(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Copies_only_what_exists_and_publishes_the_service_project(string project)
    {
        var dockerfile = DockerfileText.Load(ServiceCatalog.Of(project).Dockerfile);
        var buildCopies = dockerfile.Instructions.TakeWhile(i => !(i.Instruction == "FROM" && i.Arguments.Contains("aspnet", StringComparison.Ordinal)))
            .Where(i => i.Instruction == "COPY");
        foreach (var (_, arguments) in buildCopies)
        {
            var sources = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            Assert.All(sources, source => Assert.True(
                File.Exists(Path.Combine(RepositoryPaths.Root, source)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, source)),
                $"{project}: COPY {source} does not exist in the repository"));
        }

        var csproj = $"services/{project}/{project}.csproj";
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, csproj)));
        Assert.Contains(dockerfile.All("RUN"), run => run.StartsWith($"dotnet publish {csproj} -c Release", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_tests_and_data()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin", "**/obj", ".git", "tests", ".data" }, ignored);
    }
}
