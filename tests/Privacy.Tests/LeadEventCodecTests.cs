using System.Text;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy.Sqlite;

namespace Leads.Privacy.Tests;

public sealed class LeadEventCodecTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lead-codec-").FullName;
    private readonly SqliteLeadKeyStore _keys;
    private readonly LeadEventCodec _codec;
    private ulong _revision;

    public LeadEventCodecTests()
    {
        _keys = new SqliteLeadKeyStore(SqliteLeadKeyStore.FileIn(_directory));
        _codec = new LeadEventCodec(_keys);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ContactInfoChanged Contact = new(1410, "stefan@old.example", "03-27243457", "0327243457");

    private RecordedEvent Recorded(ILeadEvent e, byte[] data) =>
        new(LeadStream.Name(e.LeadId), _revision++, GlobalPosition.FromSequence(_revision), Guid.NewGuid(), LeadEventTypes.Of(e),
            DateTimeOffset.UtcNow, data, EventMetadata.Empty);

    [Fact]
    public async Task Stored_contact_info_holds_no_plaintext_and_stays_json()
    {
        var data = await _codec.SealAsync(Contact, Ct);
        var text = Encoding.UTF8.GetString(data);

        Assert.DoesNotContain("stefan", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("27243457", text, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"pii1:", text, StringComparison.Ordinal);
        Assert.Contains("\"leadId\":1410", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_event_reads_back_as_it_was()
    {
        var recorded = Recorded(Contact, await _codec.SealAsync(Contact, Ct));

        Assert.Equal(Contact, await _codec.ReadAsync(recorded, Ct));
    }

    [Fact]
    public async Task Events_without_personal_data_are_stored_as_the_serializer_writes_them()
    {
        var status = new StatusChanged(1410, LeadStatus.FollowUp);

        Assert.Equal(LeadEventSerializer.Serialize(status), await _codec.SealAsync(status, Ct));
    }

    [Fact]
    public async Task A_plaintext_event_written_before_encryption_still_reads()
    {
        var recorded = Recorded(Contact, LeadEventSerializer.Serialize(Contact));

        Assert.Equal(Contact, await _codec.ReadAsync(recorded, Ct));
    }

    [Fact]
    public async Task After_the_key_is_deleted_personal_fields_read_as_erased_without_an_error()
    {
        var recorded = Recorded(Contact, await _codec.SealAsync(Contact, Ct));
        await _codec.ReadAsync(recorded, Ct);

        await _codec.DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);
        var read = await _codec.ReadAsync(recorded, Ct);

        Assert.Equal(new ContactInfoChanged(1410, PersonalData.Erased, PersonalData.Erased, PersonalData.Erased), read);
    }

    [Fact]
    public async Task Plaintext_of_a_forgotten_lead_reads_as_erased_too()
    {
        var recorded = Recorded(Contact, LeadEventSerializer.Serialize(Contact));

        await _codec.DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);

        var json = Encoding.UTF8.GetString((await _codec.RevealAsync(recorded, Ct)).Span);
        Assert.DoesNotContain("stefan", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"email\":\"[erased]\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_deleted_by_another_process_is_not_used_once_this_one_reads_LeadForgotten()
    {
        var recorded = Recorded(Contact, await _codec.SealAsync(Contact, Ct));
        await _codec.ReadAsync(recorded, Ct);
        var forgotten = new LeadForgotten(1410, "asked", DateTimeOffset.UtcNow, "ops", ["email"], []);
        await _codec.ReadAsync(Recorded(forgotten, LeadEventSerializer.Serialize(forgotten)), Ct);

        var read = (ContactInfoChanged?)await _codec.ReadAsync(recorded, Ct);

        Assert.Equal(PersonalData.Erased, read!.Email);
    }

    [Fact]
    public async Task A_cached_key_expires_so_an_erasure_elsewhere_shows_within_the_time_to_live()
    {
        var codec = new LeadEventCodec(_keys, new LeadKeyCacheOptions { TimeToLive = TimeSpan.Zero });
        var recorded = Recorded(Contact, await codec.SealAsync(Contact, Ct));
        await codec.ReadAsync(recorded, Ct);

        await new LeadEventCodec(_keys).DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);

        Assert.Equal(PersonalData.Erased, ((ContactInfoChanged?)await codec.ReadAsync(recorded, Ct))!.Email);
    }

    [Fact]
    public async Task Remembering_a_lead_without_a_key_never_hides_values_sealed_later_by_another_process()
    {
        Assert.Equal(Contact, await _codec.ReadAsync(Recorded(Contact, LeadEventSerializer.Serialize(Contact)), Ct));

        var sealedElsewhere = Recorded(Contact, await new LeadEventCodec(_keys).SealAsync(Contact, Ct));

        Assert.Equal(Contact, await _codec.ReadAsync(sealedElsewhere, Ct));
    }

    [Fact]
    public async Task Plaintext_of_a_lead_without_a_key_reads_as_erased_once_it_is_forgotten_elsewhere_within_the_time_to_live()
    {
        var codec = new LeadEventCodec(_keys, new LeadKeyCacheOptions { TimeToLive = TimeSpan.Zero });
        var plaintext = Recorded(Contact, LeadEventSerializer.Serialize(Contact));
        Assert.Equal(Contact, await codec.ReadAsync(plaintext, Ct));

        await new LeadEventCodec(_keys).DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);

        Assert.Equal(PersonalData.Erased, ((ContactInfoChanged?)await codec.ReadAsync(plaintext, Ct))!.Email);
    }

    [Fact]
    public async Task No_personal_data_can_be_written_for_a_forgotten_lead()
    {
        await _codec.DeleteKeyAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), Ct);

        await Assert.ThrowsAsync<LeadErasedException>(() => _codec.SealAsync(new NameChanged(1410, "Stefan"), Ct));
    }

    [Fact]
    public async Task Tampered_ciphertext_is_corruption_not_erasure()
    {
        var data = Encoding.UTF8.GetString(await _codec.SealAsync(Contact, Ct));
        var tampered = data.Replace("\"email\":\"pii1:", "\"email\":\"pii1:AA", StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(
            () => _codec.ReadAsync(Recorded(Contact, Encoding.UTF8.GetBytes(tampered)), Ct));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
