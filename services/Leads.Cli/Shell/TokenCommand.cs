using System.CommandLine;
using System.Globalization;
using Leads.Security;

namespace Leads.Cli.Shell;

/// <summary>
/// <c>token --role leads.write [--role ...] [--subject alice] [--ttl 8h]</c>: prints a bearer token signed with the
/// development key in <c>--data-dir</c> (created by the services on their first run), for
/// <c>export LEADS_TOKEN=$(leads token ...)</c> or <c>grpcurl -H "authorization: Bearer ..."</c>.
/// </summary>
internal static class TokenCommand
{
    public static Command Build()
    {
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role to grant, repeatable: {string.Join(", ", LeadsRoles.All)}",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var subject = new Option<string>("--subject") { Description = "Who the token names (sub)", DefaultValueFactory = _ => CallerToken.LocalUser };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime: 30m, 8h, 7d or hh:mm:ss", DefaultValueFactory = _ => "8h" };
        var token = new Command("token", "Mint a bearer token with the development signing key") { roles, subject, ttl };
        token.SetAction(parse =>
        {
            var asked = parse.GetValue(roles) ?? [];
            if (asked.FirstOrDefault(r => !LeadsRoles.All.Contains(r)) is { } unknown)
            {
                Console.Error.WriteLine($"unknown role '{unknown}'; the roles are {string.Join(", ", LeadsRoles.All)}");
                return 2;
            }

            if (ParseLifetime(parse.GetValue(ttl)!) is not { } lifetime)
            {
                Console.Error.WriteLine($"--ttl '{parse.GetValue(ttl)}' is not a positive lifetime such as 30m, 8h, 7d or 01:30:00");
                return 2;
            }

            var dataDirectory = Path.GetFullPath(parse.GetValue(CallerToken.DataDirectory)!);
            if (DevelopmentSigningKey.TryLoad(dataDirectory) is not { } key)
            {
                Console.Error.WriteLine($"no development signing key in {dataDirectory} ({DevelopmentSigningKey.FileName}); start the services once "
                    + "(make run), or pass --data-dir. Deployments with Auth:SigningKey or Auth:Authority get tokens from their identity provider.");
                return 1;
            }

            Console.Out.WriteLine(LeadsTokens.Mint(key, parse.GetValue(subject)!, asked, lifetime));
            return 0;
        });
        return token;
    }

    private static TimeSpan? ParseLifetime(string text)
    {
        text = text.Trim();
        TimeSpan? lifetime = text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            }
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
        return lifetime > TimeSpan.Zero ? lifetime : null;
    }
}
