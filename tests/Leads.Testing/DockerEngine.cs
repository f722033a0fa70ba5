using System.Net.Sockets;

namespace Leads.Testing;

/// <summary>
/// Whether a Docker engine answers here, decided once per test run and cheaply: a connect to its socket (or the TCP
/// address in DOCKER_HOST). A docker CLI without a daemon, as on the development machines, is "no Docker".
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Null when an engine answers; else why not.</summary>
    public static string? WhyUnavailable => Missing.Value;

    /// <summary>Null when a container of <paramref name="image"/> can start here (an engine answers and holds it); else why not.</summary>
    public static string? WhyNoContainerOf(string image) => WhyUnavailable is { } why ? $"no Docker engine: {why}" : WhyImageMissing(image);

    /// <summary>
    /// Null when the engine already holds <paramref name="image"/>; else why the test cannot have it. Testcontainers would
    /// pull a missing image, and on a machine without a registry that fails slowly or hangs: never ask it to.
    /// </summary>
    public static string? WhyImageMissing(string image)
    {
        var start = new System.Diagnostics.ProcessStartInfo("docker", ["image", "inspect", "--format", "{{.Id}}", image])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var inspect = System.Diagnostics.Process.Start(start)!;
            inspect.StandardOutput.ReadToEnd();
            inspect.StandardError.ReadToEnd();
            return inspect.WaitForExit(TimeSpan.FromSeconds(30)) && inspect.ExitCode == 0
                ? null
                : $"the Docker engine here has no {image} and nothing is pulled (no registry); load the image to run these tests";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"no docker command line to look for {image} ({e.Message})";
        }
    }

    private static string? Probe()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        try
        {
            if (host is not null && host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
            {
                var uri = new Uri(host);
                using var tcp = new TcpClient();
                return tcp.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(2)) ? null : $"DOCKER_HOST {host} does not answer";
            }

            var path = host is not null && host.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) ? host["unix://".Length..] : "/var/run/docker.sock";
            if (!File.Exists(path))
            {
                return $"no Docker engine socket at {path}";
            }

            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or AggregateException or UriFormatException)
        {
            return $"the Docker engine does not answer ({ex.Message})";
        }
    }
}
