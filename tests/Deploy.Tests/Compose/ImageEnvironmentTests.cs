using System.Diagnostics;
using System.Net;
using Leads.Deploy.Tests.Support;
using Leads.Testing;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// The configuration an image bakes in (its ENV) run for real on this machine, without Docker: the built service
/// started with the Dockerfile's Kestrel endpoints (moved to free loopback ports) answers grpc.health.v1 on its port,
/// /health, /alive and /metrics over HTTP/1.1 on the ops port, and the Dockerfile's own HEALTHCHECK command, run as
/// Docker runs it, passes against it and fails against a port where nothing listens.
/// </summary>
public sealed class ImageEnvironmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Leads.CommandService")]
    [InlineData("Leads.ViewProjector")]
    [InlineData("Leads.SearchProjector")]
    public async Task The_image_configuration_serves_grpc_health_and_the_HTTP_1_ops_endpoints(string project)
    {
        using var data = new TempDirectory();
        var dockerfile = ServiceCatalog.Of(project).Image;
        var grpcPort = FreePort.Next();
        var opsPort = FreePort.Next();
        var settings = new Dictionary<string, string> { ["Leads:DataDirectory"] = data.Path };
        foreach (var (key, value) in dockerfile.Environment())
        {
            if (key.StartsWith("Kestrel__", StringComparison.Ordinal))
            {
                settings[key.Replace("__", ":", StringComparison.Ordinal)] = value
                    .Replace("http://+:8080", $"http://127.0.0.1:{opsPort}", StringComparison.Ordinal)
                    .Replace($"http://+:{ServiceCatalog.Of(project).DefaultPort}", $"http://127.0.0.1:{grpcPort}", StringComparison.Ordinal);
            }
        }

        await using var service = await ServiceProcess.StartAsync(project, settings, grpcPort, cancellationToken: Ct);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{opsPort}"), DefaultRequestVersion = HttpVersion.Version11 };
        foreach (var path in new[] { "/health", "/alive" })
        {
            using var response = await http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version11, response.Version);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        }

        // The requests above are measured; a projector also reports its lag once its host published a status.
        var expected = project.EndsWith("Projector", StringComparison.Ordinal) ? "leads_projection_lag_events" : "http_server_request_duration_seconds";
        await Eventually.IsTrueAsync(
            async () => (await http.GetStringAsync("/metrics", Ct)).Contains(expected, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), $"{expected} on /metrics", Ct);

        Assert.Equal(0, await RunHealthCheckAsync(dockerfile.HealthCheckCommand(), opsPort));
        Assert.NotEqual(0, await RunHealthCheckAsync(dockerfile.HealthCheckCommand(), FreePort.Next()));
    }

    /// <summary>Runs a shell-form HEALTHCHECK as Docker does (<c>/bin/sh -c</c>) with the image's OPS_PORT; returns its exit code.</summary>
    private static async Task<int> RunHealthCheckAsync(string command, int opsPort)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment["OPS_PORT"] = opsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}
