using System.Security.Claims;
using Leads.Security;
using Leads.ServiceDefaults.Security;
using Leads.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Leads.CommandService.Tests;

/// <summary>
/// A token is verified once and then recognised until it expires; a failed, changed or expired token is verified again
/// every time, and each caller gets an identity of its own.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = AuthSettings.DefaultIssuer,
        ValidAudience = AuthSettings.DefaultAudience,
        IssuerSigningKey = new SymmetricSecurityKey(TestTokens.SigningKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    private readonly CountingHandler _inner = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    private ValidatedTokenCache Cache(int maxTokens = ValidatedTokenCache.DefaultMaxTokens) => new(_inner, _clock, maxTokens);

    [Fact]
    public async Task The_same_token_is_verified_once_and_each_call_gets_its_own_identity()
    {
        var cache = Cache();
        var token = TestTokens.For([LeadsRoles.Write], subject: "alice", lifetime: TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters);
        first.ClaimsIdentity.AddClaim(new Claim("added-by", "one request"));
        var second = await cache.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid && second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.Equal("alice", second.ClaimsIdentity.FindFirst(AuthSettings.SubjectClaim)?.Value);
        Assert.Null(second.ClaimsIdentity.FindFirst("added-by"));
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
    }

    [Fact]
    public async Task A_token_that_fails_is_never_remembered_and_a_changed_signature_is_not_the_same_token()
    {
        var cache = Cache();
        var forged = TestTokens.For([LeadsRoles.Admin], key: new byte[32]);
        var good = TestTokens.For([LeadsRoles.Read]);
        var tampered = good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1];

        Assert.False((await cache.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await cache.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.True((await cache.ValidateTokenAsync(good, Parameters)).IsValid);
        Assert.False((await cache.ValidateTokenAsync(tampered, Parameters)).IsValid);

        Assert.Equal(4, _inner.Calls);
    }

    [Fact]
    public async Task An_expired_token_is_verified_again()
    {
        var cache = Cache();
        var token = TestTokens.For([LeadsRoles.Read], lifetime: TimeSpan.FromMinutes(5));
        await cache.ValidateTokenAsync(token, Parameters);

        _clock.Advance(TimeSpan.FromMinutes(6));
        await cache.ValidateTokenAsync(token, Parameters);

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task A_full_cache_makes_room_and_still_answers()
    {
        var cache = Cache(maxTokens: 3);
        var tokens = Enumerable.Range(0, 5).Select(i => TestTokens.For([LeadsRoles.Read], subject: $"caller-{i}")).ToList();

        foreach (var token in tokens.Concat(tokens))
        {
            var result = await cache.ValidateTokenAsync(token, Parameters);
            Assert.True(result.IsValid);
        }

        var calls = _inner.Calls;
        Assert.True((await cache.ValidateTokenAsync(tokens[^1], Parameters)).IsValid);
        Assert.Equal(calls, _inner.Calls);
    }

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
