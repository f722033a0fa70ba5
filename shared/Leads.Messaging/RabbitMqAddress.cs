using System.Globalization;

namespace Leads.Messaging;

/// <summary>
/// A RabbitMQ connection string, <c>amqp://user:pass@host:port/vhost</c> (or <c>amqps://</c>), taken apart. The virtual
/// host is URL-decoded (<c>%2F</c> is <c>/</c>); an empty path means the default virtual host <c>/</c>.
/// </summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string UserName, string Password, bool UseTls)
{
    public static RabbitMqAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!Uri.TryCreate(connectionString.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new FormatException("ConnectionStrings:rabbitmq must look like amqp://user:pass@host:port/vhost.");
        }

        var useTls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (useTls ? 5671 : 5672) : uri.Port;
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var (user, password) = SplitUserInfo(uri.UserInfo);
        return new RabbitMqAddress(uri.Host, checked((ushort)port), virtualHost, user, password, useTls);
    }

    /// <summary>Where the broker is, without credentials, fit for a log line.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}");

    private static (string User, string Password) SplitUserInfo(string userInfo)
    {
        if (string.IsNullOrEmpty(userInfo))
        {
            return ("guest", "guest");
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(userInfo), "")
            : (Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
    }
}
