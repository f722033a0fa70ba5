using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// Remembers bearer tokens that passed validation, by their exact text, until they expire, so a caller sending the same
/// token on every call is verified once, not on every call (signature, lifetime, issuer and audience checks, claims
/// parsing: about 8% of the command service's CPU at 64 clients). Only successes are kept, under the whole token
/// (signature included), so a changed or forged token never matches; each hit gets its own copy of the identity.
/// Bounded: when full, expired tokens go, then all.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler inner, TimeProvider time, int maxTokens = ValidatedTokenCache.DefaultMaxTokens) : TokenHandler
{
    public const int DefaultMaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);

    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(token, out var known))
        {
            if (now < known.Until)
            {
                return known.Copy();
            }

            _tokens.TryRemove(new KeyValuePair<string, Validated>(token, known));
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            MakeRoom(now);
            var validated = new Validated(result, new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc)));
            _tokens[token] = validated;
            return validated.Copy();
        }

        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    private void MakeRoom(DateTimeOffset now)
    {
        if (_tokens.Count < maxTokens)
        {
            return;
        }

        foreach (var (token, validated) in _tokens)
        {
            if (now >= validated.Until)
            {
                _tokens.TryRemove(new KeyValuePair<string, Validated>(token, validated));
            }
        }

        if (_tokens.Count >= maxTokens)
        {
            _tokens.Clear();
        }
    }

    /// <summary>A successful validation, valid until the token's expiry (no clock skew granted from the cache).</summary>
    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until)
    {
        /// <summary>The result with an identity of its own: what one request's handlers do to it stays with that request.</summary>
        public TokenValidationResult Copy() => new()
        {
            IsValid = true,
            SecurityToken = Result.SecurityToken,
            ClaimsIdentity = Result.ClaimsIdentity.Clone(),
            Issuer = Result.Issuer,
            TokenType = Result.TokenType,
        };
    }
}
