using System.Net;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Leads.CommandService.Tests;

/// <summary>What every host offers besides its API: health (gRPC and HTTP/2) and reflection, over plain h2c.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class HostTests(CommandServiceFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grpc_health_says_serving()
    {
        var health = new Health.HealthClient(fixture.Service.Channel);

        var reply = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Token);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Http_health_endpoints_answer_healthy_over_cleartext_http2(string path)
    {
        using var http = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{fixture.Service.Port}{path}"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Reflection_lists_the_command_and_health_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Service.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: Token);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, Token);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(Token));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("leads.v1.LeadCommands", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
