using Grpc.AspNetCore.Server;
using Leads.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// JWT bearer authentication for every host, wired once. Tokens must be signed (never <c>alg: none</c>), unexpired
/// (30 s clock skew), from <c>Auth:Issuer</c> (default <c>leads</c>) for <c>Auth:Audience</c> (default <c>leads</c>).
/// Keys: <c>Auth:Authority</c> (an OpenID Connect provider whose JWKS verifies RS/ES/PS-signed tokens) and/or
/// <c>Auth:SigningKey</c> (base64 HS256, at least 32 bytes). With neither, the development key in the data directory
/// (<c>auth-signing.key</c>, created on first run) verifies HS256 tokens, such as those <c>leads token</c> mints.
/// </summary>
public static class LeadsAuthentication
{
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    public static WebApplicationBuilder AddLeadsAuthentication(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var authority = config[AuthSettings.AuthorityKey];
        var signingKey = SigningKeyFrom(config, builder.Environment.IsProduction(), hasAuthority: !string.IsNullOrWhiteSpace(authority), out var keySource);

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                if (!string.IsNullOrWhiteSpace(authority))
                {
                    options.Authority = authority;
                }

                var algorithms = new List<string>();
                if (signingKey is not null)
                {
                    algorithms.Add(SecurityAlgorithms.HmacSha256);
                }

                if (!string.IsNullOrWhiteSpace(authority))
                {
                    algorithms.AddRange(AsymmetricAlgorithms);
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = config[AuthSettings.IssuerKey] ?? AuthSettings.DefaultIssuer,
                    ValidAudience = config[AuthSettings.AudienceKey] ?? AuthSettings.DefaultAudience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = signingKey is null ? null : new SymmetricSecurityKey(signingKey),
                    ValidAlgorithms = algorithms,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = AuthSettings.SubjectClaim,
                    RoleClaimType = AuthSettings.RoleClaim,
                };

                // One verification per token, not per call (see ValidatedTokenCache).
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new ValidatedTokenCache(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System));
            });
        builder.Services.AddLeadsRolePolicies();
        builder.Services.AddInfrastructureAccessRules();
        builder.Services.AddSingleton<RpcAccessPolicy>();
        builder.Services.AddSingleton<RpcAuthorizationInterceptor>();
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RpcAuthorizationInterceptor>());
        builder.Services.AddSingleton(new TokenKeySource(keySource));
        builder.Services.AddSingleton(new DerivedKeys(signingKey));
        return builder;
    }

    private static byte[]? SigningKeyFrom(IConfiguration config, bool production, bool hasAuthority, out string source)
    {
        if (config[AuthSettings.SigningKeyKey] is { Length: > 0 } configured)
        {
            if (production && PublishedSigningKeys.Contains(configured))
            {
                throw new InvalidOperationException(
                    $"{AuthSettings.SigningKeyKey} is a key this repository publishes: anyone can mint tokens with it. Set your own "
                    + "(openssl rand -base64 48), or Auth:Authority, or remove it to have a random key made in the data directory");
            }

            source = $"the configured {AuthSettings.SigningKeyKey}";
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"{AuthSettings.SigningKeyKey} is not base64", e);
            }

            return key.Length >= 32 ? key : throw new InvalidOperationException($"{AuthSettings.SigningKeyKey} must be at least 32 bytes (HS256)");
        }

        if (hasAuthority)
        {
            source = $"the keys published by {config[AuthSettings.AuthorityKey]}";
            return null;
        }

        // The embedded default: the same data directory rule as the embedded engines (Leads:DataDirectory, default .data).
        var dataDirectory = Path.GetFullPath(config["Leads:DataDirectory"] is { Length: > 0 } d ? d : ".data", Environment.CurrentDirectory);
        source = $"the random key {DevelopmentSigningKey.PathIn(dataDirectory)} (no {AuthSettings.SigningKeyKey} nor {AuthSettings.AuthorityKey} is set; "
            + "services on this data directory share it)";
        return DevelopmentSigningKey.LoadOrCreate(dataDirectory);
    }
}
