using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Leads.Security;

/// <summary>
/// Mints HS256 bearer tokens the services accept: <c>sub</c>, <c>role</c> (an array), <c>iss</c>, <c>aud</c>, <c>iat</c>,
/// <c>nbf</c>, <c>exp</c>. For development (<c>leads token</c>) and tests; production tokens come from the identity
/// provider named by <c>Auth:Authority</c>.
/// </summary>
public static class LeadsTokens
{
    public static string Mint(
        byte[] signingKey,
        string subject,
        IEnumerable<string> roles,
        TimeSpan lifetime,
        string issuer = AuthSettings.DefaultIssuer,
        string audience = AuthSettings.DefaultAudience,
        DateTime? now = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var issuedAt = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity([new Claim(AuthSettings.SubjectClaim, subject)]),
            Claims = new Dictionary<string, object> { [AuthSettings.RoleClaim] = roles.Distinct(StringComparer.Ordinal).ToArray() },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
