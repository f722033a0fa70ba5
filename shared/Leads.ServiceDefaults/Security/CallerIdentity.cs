using System.Security.Claims;
using Leads.Security;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// Who the authenticated caller is (the token's <c>sub</c>, else its <c>name</c>) and which roles it holds (the
/// <c>role</c> and <c>roles</c> claims; an array claim arrives as one claim per value). Identity comes from the verified
/// token only, never from a header.
/// </summary>
public static class CallerIdentity
{
    /// <summary>Longest identity we store in event metadata; a longer one is refused as not naming a caller.</summary>
    public const int MaxLength = 200;

    public static string? Of(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var name = user.FindFirst(AuthSettings.SubjectClaim)?.Value ?? user.FindFirst(AuthSettings.NameClaim)?.Value ?? user.Identity.Name;
        name = name?.Trim();
        return name is { Length: > 0 and <= MaxLength } && !name.Any(char.IsControl) ? name : null;
    }

    public static bool HasRole(ClaimsPrincipal user, string role) =>
        user.Claims.Any(c => c.Type is AuthSettings.RoleClaim or AuthSettings.RolesClaim or ClaimTypes.Role
            && string.Equals(c.Value, role, StringComparison.Ordinal));

    public static IEnumerable<string> Roles(ClaimsPrincipal user) =>
        user.Claims.Where(c => c.Type is AuthSettings.RoleClaim or AuthSettings.RolesClaim or ClaimTypes.Role).Select(c => c.Value).Distinct();
}
