using Grpc.Core;
using Grpc.Health.V1;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>The embedded default with no key configured: a development signing key in the data directory.</summary>
public sealed class DevelopmentKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_configured_key_the_service_creates_a_private_development_key_that_verifies_minted_tokens()
    {
        using var data = new TempDirectory();
        // An explicit Auth: setting (the default issuer) keeps the test key out, so the development key is used.
        await using var service = await CommandServiceProcess.StartAsync(data.Path, Token, "--Auth:Issuer=leads");

        var keyFile = DevelopmentSigningKey.PathIn(data.Path);
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var key = DevelopmentSigningKey.TryLoad(data.Path)!;
        using var minted = TestTokens.Channel(service.Address, LeadsTokens.Mint(key, "dev", [LeadsRoles.Write], TimeSpan.FromMinutes(5)));
        var reply = await new LeadCommands.LeadCommandsClient(minted).InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = 1, Name = "Ada", Email = "ada@example.com", Phone = "12345" }, cancellationToken: Token);
        Assert.Equal(3ul, reply.Revision);

        // The suite's own test key is not the development key: its tokens are refused, health stays open.
        var refused = await Assert.ThrowsAsync<RpcException>(() => service.Client
            .ChangeNameAsync(new ChangeNameRequest { LeadId = 1, Name = "Eve" }, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        using var anonymous = TestTokens.Channel(service.Address, token: null);
        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest(), cancellationToken: Token);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task In_production_a_signing_key_this_repository_published_is_refused_at_start()
    {
        using var data = new TempDirectory();
        const string published = "dM0bYjREDOJ7bify+0YibbjymFYw14sofNaZKOVmrHNIcBsIXlZ/slzE3ZAD3J0m";
        await using var service = await CommandServiceProcess.LaunchAsync(data.Path, Token, "--environment", "Production", $"--Auth:SigningKey={published}");

        var exitCode = await service.ExitCodeWithinAsync(TimeSpan.FromSeconds(60), Token);

        Assert.True(exitCode is not null and not 0, $"the service must exit with an error, exit code {exitCode}:{Environment.NewLine}{service.Output}");
        Assert.Contains("Auth:SigningKey is a key this repository publishes", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_without_a_key_or_authority_the_service_makes_its_own_random_key_and_says_so()
    {
        using var data = new TempDirectory();
        // The key's Issuer setting keeps the suite's test key out (an --Auth: argument), as in production no key is set.
        await using var service = await CommandServiceProcess.StartAsync(data.Path, Token, "--environment", "Production", "--Auth:Issuer=leads");

        Assert.True(await service.PrintsAsync($"Bearer tokens are verified with the random key {DevelopmentSigningKey.PathIn(data.Path)}", TimeSpan.FromSeconds(30), Token),
            service.Output);
        var key = DevelopmentSigningKey.TryLoad(data.Path)!;
        Assert.DoesNotContain(Convert.ToBase64String(key), service.Output, StringComparison.Ordinal);
        using var minted = TestTokens.Channel(service.Address, LeadsTokens.Mint(key, "ops", [LeadsRoles.Write], TimeSpan.FromMinutes(5)));
        var reply = await new LeadCommands.LeadCommandsClient(minted).InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = 7, Name = "Grace", Email = "grace@example.com", Phone = "12345" }, cancellationToken: Token);
        Assert.Equal(3ul, reply.Revision);
    }

    [Fact]
    public async Task Starters_racing_to_create_the_key_all_end_up_with_the_same_one()
    {
        using var data = new TempDirectory();
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 16)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                start.Wait(Token);
                return DevelopmentSigningKey.LoadOrCreate(data.Path);
            }, Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();

        start.Set();
        var keys = await Task.WhenAll(racers);

        Assert.All(keys, key => Assert.Equal(keys[0], key));
        Assert.Equal(64, keys[0].Length);
        Assert.Equal(keys[0], DevelopmentSigningKey.TryLoad(data.Path));
        Assert.Single(Directory.GetFiles(data.Path));
    }
}
