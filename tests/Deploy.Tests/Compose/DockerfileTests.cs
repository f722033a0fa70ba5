using Leads.Deploy.Tests.Support;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// The one Dockerfile and each service's image from it: multi-stage (SDK builds, ASP.NET runtime runs: no SDK in the
/// image), the app user, the service's own port plus the HTTP/1.1 ops port, a health check, and copies of files that
/// exist; the build stages shared by every image.
/// </summary>
public sealed class DockerfileTests
{
    private static DockerfileText Dockerfile => DockerfileText.Load(ServiceCatalog.Dockerfile);

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Builds_with_the_SDK_and_runs_on_the_ASP_NET_runtime_only(string project)
    {
        var stages = Dockerfile.All("FROM").Take(3).ToList();
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS sources", "mcr.microsoft.com/dotnet/sdk:10.0 AS projects", "mcr.microsoft.com/dotnet/sdk:10.0 AS build"], stages);

        var image = ServiceCatalog.Of(project).Image;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", image.All("FROM").First(), StringComparison.Ordinal);
        Assert.Equal($"--from=build /app/{project} .", image.All("COPY").Single());
        Assert.DoesNotContain(image.All("RUN"), run => run.Contains("dotnet ", StringComparison.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{project}.dll\"]", image.All("ENTRYPOINT").Single());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Runs_as_the_non_root_app_user(string project)
    {
        var image = ServiceCatalog.Of(project).Image;
        Assert.Equal("$APP_UID", image.All("USER").Single());
        var user = image.Instructions.Select((i, index) => (i, index)).Single(x => x.i.Instruction == "USER").index;
        var entry = image.Instructions.Select((i, index) => (i, index)).Single(x => x.i.Instruction == "ENTRYPOINT").index;
        Assert.True(user < entry, "USER must come before ENTRYPOINT");
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void Exposes_its_port_and_the_ops_port_with_a_health_check_on_the_ops_port(string project)
    {
        var service = ServiceCatalog.Of(project);
        var image = service.Image;
        var page = service.PagePort is { } pagePort ? $" {pagePort}" : "";
        Assert.Equal($"{service.DefaultPort} {ServiceCatalog.OpsPort}{page}", image.All("EXPOSE").Single());

        var env = image.Environment();
        Assert.Equal(ServiceCatalog.OpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), env["OPS_PORT"]);
        Assert.Equal($"http://+:{ServiceCatalog.OpsPort}", env["Kestrel__Endpoints__ops__Url"]);
        Assert.Equal("Http1", env["Kestrel__Endpoints__ops__Protocols"]);
        var endpoint = service.Grpc ? "grpc" : "http";
        Assert.Equal(service.Grpc ? "Http2" : "Http1", env[$"Kestrel__Endpoints__{endpoint}__Protocols"]);
        Assert.Equal("/data", env["Leads__DataDirectory"]);

        Assert.Contains("/dev/tcp/127.0.0.1/$OPS_PORT", image.HealthCheckCommand(), StringComparison.Ordinal);
        Assert.Contains("GET /health ", image.HealthCheckCommand(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_is_the_stage_the_SERVICE_argument_names_and_there_is_one_stage_per_service()
    {
        var dockerfile = Dockerfile;
        Assert.Equal("SERVICE", dockerfile.Instructions[0] is ("ARG", var arg) ? arg : null);
        Assert.Equal("${SERVICE}", dockerfile.All("FROM").Last());
        var serviceStages = dockerfile.StageNames.Except(["sources", "projects", "build", "runtime"], StringComparer.Ordinal);
        Assert.Equal(ServiceCatalog.All.Select(s => s.ComposeName).Order(StringComparer.Ordinal), serviceStages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_build_stages_do_not_read_SERVICE_so_restore_and_compile_are_one_cached_layer_for_every_image()
    {
        // Docker keys a RUN's cache on the build arguments its stage declares: only the image stage may declare SERVICE.
        var instructions = Dockerfile.Instructions.Skip(1)
            .TakeWhile(i => !(i.Instruction == "FROM" && i.Arguments.Contains("aspnet", StringComparison.Ordinal)))
            .ToList();
        Assert.DoesNotContain(instructions, i => i.Instruction == "ARG" || i.Arguments.Contains("SERVICE", StringComparison.Ordinal));

        // Restore sees the project files only (copied from the projects stage) and runs before the sources are copied.
        var restore = instructions.FindIndex(i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var sources = instructions.FindLastIndex(i => i.Instruction == "COPY" && i.Arguments == "--from=sources /src .");
        Assert.Equal("--from=projects /src .", instructions[restore - 1].Arguments);
        Assert.True(restore < sources, "restore must come before the sources are copied");
        Assert.Contains(instructions.Skip(sources), i => i.Instruction == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_context_holds_only_the_build_files_shared_and_services()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        Assert.Equal("*", lines[0]);
        var included = lines.Where(l => l.StartsWith('!')).Select(l => l[1..]).ToList();
        Assert.Equal(["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig", "shared", "services"], included);
        Assert.All(included, path => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, path)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, path)), path));
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin", "**/obj", "services/Leads.Cli" }, lines.ToHashSet(StringComparer.Ordinal));
    }
}
