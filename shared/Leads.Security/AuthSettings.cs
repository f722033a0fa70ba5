namespace Leads.Security;

/// <summary>
/// The configuration keys of bearer authentication, and the defaults the embedded engines and the CLI share so a
/// development token minted by <c>leads token</c> is accepted without any configuration.
/// </summary>
public static class AuthSettings
{
    /// <summary>The <c>iss</c> every accepted token must carry.</summary>
    public const string IssuerKey = "Auth:Issuer";

    /// <summary>The <c>aud</c> every accepted token must carry.</summary>
    public const string AudienceKey = "Auth:Audience";

    /// <summary>A base64 HS256 key (at least 32 bytes) that signs and verifies tokens; overrides the development key.</summary>
    public const string SigningKeyKey = "Auth:SigningKey";

    /// <summary>An OpenID Connect provider whose published keys (JWKS) verify the tokens, for production.</summary>
    public const string AuthorityKey = "Auth:Authority";

    public const string DefaultIssuer = "leads";
    public const string DefaultAudience = "leads";

    /// <summary>The claim that names the caller; <c>name</c> is the fallback.</summary>
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";
    public const string RolesClaim = "roles";
}
