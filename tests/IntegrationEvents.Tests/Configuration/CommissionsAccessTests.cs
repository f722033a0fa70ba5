using System.Net;
using IntegrationEvents.Tests.Support;
using Leads.Security;
using Leads.Testing;

namespace IntegrationEvents.Tests.Configuration;

/// <summary>The commissions read-out is a read model: leads.read, like LeadQueries.</summary>
public sealed class CommissionsAccessTests
{
    [Fact]
    public async Task Conversions_need_a_valid_token_with_leads_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("leads-commissions-auth-");
        try
        {
            await using var commissions = await CommissionsHost.StartAsync(directory.FullName, rabbitMq: "", ct);

            Assert.Equal(HttpStatusCode.Unauthorized, await commissions.ConversionsStatusWithAsync(null, ct));
            Assert.Equal(HttpStatusCode.Unauthorized, await commissions.ConversionsStatusWithAsync(
                TestTokens.For([LeadsRoles.Read], key: new byte[64]), ct));
            Assert.Equal(HttpStatusCode.Forbidden, await commissions.ConversionsStatusWithAsync(TestTokens.For([LeadsRoles.Write, LeadsRoles.Admin]), ct));
            Assert.Equal(HttpStatusCode.OK, await commissions.ConversionsStatusWithAsync(TestTokens.For([LeadsRoles.Read]), ct));
            Assert.Equal(0, await commissions.TotalConversionsAsync(ct));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
