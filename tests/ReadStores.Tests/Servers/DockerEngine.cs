using System.Net.Sockets;

namespace Leads.ReadStores.Tests.Servers;

/// <summary>
/// Whether a Docker engine answers here, decided once per test run and cheaply: a connect to its socket (or the TCP
/// address in DOCKER_HOST). A docker CLI without a daemon, as on the development machines, is "no Docker".
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<string?> Missing = new(Probe);

    /// <summary>Null when an engine answers; else why not.</summary>
    public static string? WhyUnavailable => Missing.Value;

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
