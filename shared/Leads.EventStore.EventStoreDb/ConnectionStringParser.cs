using System.Globalization;
using System.Net;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Reads an <see cref="EventStoreDbConnectionString"/> from its text: the scheme, credentials, hosts and the settings,
/// each checked, with an error that names what is wrong. Unknown settings are refused, not ignored.
/// </summary>
internal static class ConnectionStringParser
{
    private static readonly string[] KnownSettings =
        ["tls", "tlsVerifyCert", "nodePreference", "defaultDeadline", "keepAliveInterval", "keepAliveTimeout",
         "gossipTimeout", "discoveryInterval", "maxDiscoverAttempts", "connectionName"];

    public static bool TryParse(string? connectionString, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventStoreDbConnectionString? parsed, out string error)
    {
        parsed = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "it is empty";
            return false;
        }

        var text = connectionString.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? string.Empty : text[..schemeEnd];
        if (!scheme.Equals("esdb", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("esdb+discover", StringComparison.OrdinalIgnoreCase))
        {
            error = "it must start with esdb:// (or esdb+discover://)";
            return false;
        }

        var rest = text[(schemeEnd + 3)..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        var authority = (queryStart < 0 ? rest : rest[..queryStart]).TrimEnd('/');

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == userInfo.Length - 1)
            {
                error = "credentials must be given as user:password@";
                return false;
            }

            user = Uri.UnescapeDataString(userInfo[..colon]);
            password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        if (authority.Length == 0)
        {
            error = "no host is given";
            return false;
        }

        var nodes = new List<DnsEndPoint>();
        foreach (var node in authority.Split(','))
        {
            if (!TryParseNode(node, out var endPoint, out error))
            {
                return false;
            }

            nodes.Add(endPoint);
        }

        var discover = scheme.Equals("esdb+discover", StringComparison.OrdinalIgnoreCase);
        var result = new EventStoreDbConnectionString
        {
            Nodes = nodes,
            UserName = user,
            Password = password,
            UsesGossip = discover || nodes.Count > 1,
        };
        if (!TryApplySettings(result, query, out result, out error))
        {
            return false;
        }

        parsed = result;
        return true;
    }

    private static bool TryParseNode(string node, out DnsEndPoint endPoint, out string error)
    {
        endPoint = null!;
        error = string.Empty;
        string host;
        string? portText = null;
        if (node.StartsWith('['))
        {
            var close = node.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"the host '{node}' has an unclosed IPv6 bracket";
                return false;
            }

            host = node[1..close];
            var after = node[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"the host '{node}' is malformed";
                    return false;
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = node.LastIndexOf(':');
            host = colon < 0 ? node : node[..colon];
            portText = colon < 0 ? null : node[(colon + 1)..];
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or '?' or '#'))
        {
            error = $"the host '{node}' is empty or malformed";
            return false;
        }

        var port = EventStoreDbConnectionString.DefaultPort;
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"the port of '{node}' must be a number from 1 to 65535";
            return false;
        }

        endPoint = new DnsEndPoint(host, port);
        return true;
    }

    private static bool TryApplySettings(EventStoreDbConnectionString start, string query, out EventStoreDbConnectionString result, out string error)
    {
        result = start;
        error = string.Empty;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"the setting '{pair}' has no value (key=value)";
                return false;
            }

            var key = Uri.UnescapeDataString(pair[..eq]);
            var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
            var known = KnownSettings.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = $"the setting '{key}' is not supported (supported: {string.Join(", ", KnownSettings)})";
                return false;
            }

            if (!seen.Add(known))
            {
                error = $"the setting '{known}' is given twice";
                return false;
            }

            switch (known)
            {
                case "tls" when TryParseBool(value, out var tls):
                    result = result with { UseTls = tls };
                    break;
                case "tlsVerifyCert" when TryParseBool(value, out var verify):
                    result = result with { VerifyServerCertificate = verify };
                    break;
                case "nodePreference" when TryParsePreference(value, out var preference):
                    result = result with { NodePreference = preference };
                    break;
                case "defaultDeadline" when TryParseMilliseconds(value, allowDisabled: false, out var deadline):
                    result = result with { DefaultDeadline = deadline };
                    break;
                case "keepAliveInterval" when TryParseMilliseconds(value, allowDisabled: true, out var interval):
                    result = result with { KeepAliveInterval = interval };
                    break;
                case "keepAliveTimeout" when TryParseMilliseconds(value, allowDisabled: true, out var timeout):
                    result = result with { KeepAliveTimeout = timeout };
                    break;
                case "gossipTimeout" when TryParseMilliseconds(value, allowDisabled: false, out var gossipTimeout):
                    result = result with { GossipTimeout = gossipTimeout };
                    break;
                case "discoveryInterval" when TryParseMilliseconds(value, allowDisabled: false, out var discoveryInterval):
                    result = result with { DiscoveryInterval = discoveryInterval };
                    break;
                case "maxDiscoverAttempts" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1:
                    result = result with { MaxDiscoverAttempts = attempts };
                    break;
                case "connectionName" when value.Length is > 0 and <= 200 && value.All(c => c is >= ' ' and <= '~'):
                    result = result with { ConnectionName = value };
                    break;
                default:
                    error = $"the value '{value}' of '{known}' is invalid";
                    return false;
            }
        }

        return true;
    }

    private static bool TryParseBool(string value, out bool parsed) => bool.TryParse(value, out parsed);

    private static bool TryParsePreference(string value, out NodePreference preference)
    {
        preference = value.ToLowerInvariant() switch
        {
            "leader" => NodePreference.Leader,
            "follower" => NodePreference.Follower,
            "random" => NodePreference.Random,
            "readonlyreplica" => NodePreference.ReadOnlyReplica,
            _ => (NodePreference)(-1),
        };
        return Enum.IsDefined(preference);
    }

    private static bool TryParseMilliseconds(string value, bool allowDisabled, out TimeSpan parsed)
    {
        parsed = default;
        if (allowDisabled && value == "-1")
        {
            parsed = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms < 1 || ms > int.MaxValue)
        {
            return false;
        }

        parsed = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
