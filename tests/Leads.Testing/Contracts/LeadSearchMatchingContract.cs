using Leads.Domain;
using Leads.Domain.Events;
using Leads.Search;

namespace Leads.Testing.Contracts;

/// <summary>
/// What every search index adapter must find, and in which order: names, emails and phones, current and historical. A
/// test class per adapter derives from this with the adapter's <see cref="ISearchIndexHost"/>.
/// </summary>
public abstract class LeadSearchMatchingContract(ISearchIndexHost host) : LeadSearchIndexUnderTest(host)
{
    [Fact]
    public async Task An_email_matches_exactly_and_case_insensitively()
    {
        await WriteAsync(Lead1410);

        Assert.Equal(
            Hit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Email, "stefan@new.example", historical: false),
            await SearchOneAsync("Stefan@NEW.example"));
    }

    [Fact]
    public async Task An_old_email_finds_the_lead_marked_historical()
    {
        await WriteAsync(Lead1410);

        Assert.Equal(
            Hit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Email, "stefan@old.example", historical: true),
            await SearchOneAsync("stefan@old.example"));
    }

    [Theory]
    [InlineData("stefan@new")]
    [InlineData("tefan@new.example")]
    [InlineData("stefan@new.example.org")]
    public async Task Part_of_an_email_matches_nothing(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Empty(await SearchAsync(text));
    }

    [Theory]
    [InlineData("050-8139904")]
    [InlineData("0508139904")]
    [InlineData("050 813 99 04")]
    [InlineData("(050) 813.9904")]
    public async Task A_whole_phone_matches_by_its_digits_whatever_the_separators(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Equal(
            Hit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Phone, "050-8139904", historical: false),
            await SearchOneAsync(text));
    }

    [Theory]
    [InlineData("03-2724")]
    [InlineData("032")]
    [InlineData("03 27 24 34 57")]
    public async Task The_old_phone_matches_by_prefix_marked_historical(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Equal(
            Hit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Phone, "03-27243457", historical: true),
            await SearchOneAsync(text));
    }

    [Theory]
    [InlineData("27243457")]
    [InlineData("03272434579")]
    public async Task Phone_digits_that_are_not_a_prefix_match_nothing(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Empty(await SearchAsync(text));
    }

    [Theory]
    [InlineData("stef")]
    [InlineData("Stéf")]
    [InlineData("STEFAN")]
    [InlineData("mull")]
    [InlineData("Müller")]
    [InlineData("muller stef")]
    [InlineData("S M")]
    public async Task A_name_matches_by_word_prefix_ignoring_case_and_accents(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Equal(
            Hit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Name, "Stefan Müller", historical: false),
            await SearchOneAsync(text));
    }

    [Theory]
    [InlineData("tefan")]
    [InlineData("stefan meier")]
    [InlineData("stefanie")]
    public async Task Every_query_word_must_be_a_word_prefix(string text)
    {
        await WriteAsync(Lead1410);

        Assert.Empty(await SearchAsync(text));
    }

    [Fact]
    public async Task An_old_name_finds_the_lead_marked_historical()
    {
        await WriteAsync(SearchLeads.Fold(1, [.. SearchLeads.Initialized(7, "Anna Smith", "anna@example.com", "0123456"), new Domain.Events.NameChanged(7, "Anna Jones")]));

        Assert.Equal(
            Hit(7, "Anna Jones", LeadStatus.Available, MatchedField.Name, "Anna Smith", historical: true),
            await SearchOneAsync("smi"));
    }

    [Fact]
    public async Task A_match_on_the_current_name_is_not_historical_even_when_an_old_name_also_matches()
    {
        await WriteAsync(SearchLeads.Fold(1, [.. SearchLeads.Initialized(7, "Anna Smith", "anna@example.com", "0123456"), new Domain.Events.NameChanged(7, "Anna Jones")]));

        Assert.Equal(
            Hit(7, "Anna Jones", LeadStatus.Available, MatchedField.Name, "Anna Jones", historical: false),
            await SearchOneAsync("anna"));
    }

    [Fact]
    public async Task Name_words_must_all_match_one_name_not_words_of_different_names()
    {
        await WriteAsync(SearchLeads.Fold(1, [.. SearchLeads.Initialized(7, "Anna Smith", "anna@example.com", "0123456"), new Domain.Events.NameChanged(7, "Berta Jones")]));

        Assert.Empty(await SearchAsync("smith jones"));
    }

    [Fact]
    public async Task A_hit_shows_the_current_name_and_status()
    {
        var renamed = SearchLeads.Fold(1, [.. SearchLeads.Story1410, new Domain.Events.NameChanged(1410, "Stefan Maier")]);
        await WriteAsync(renamed);

        var hit = await SearchOneAsync("stefan@old.example");

        Assert.Equal(("Stefan Maier", (LeadStatus?)LeadStatus.Converted), (hit.Name, hit.Status));
    }

    [Fact]
    public async Task An_empty_index_finds_nothing()
    {
        Assert.Empty(await SearchAsync("anna"));
    }

    [Fact]
    public async Task Current_matches_rank_above_historical_ones_then_by_lead_id()
    {
        var historical = SearchLeads.Fold(1, [.. SearchLeads.Initialized(1, "A", "x@shared.example", "0111111"), new ContactInfoChanged(1, "a@own.example", "0111111", "0111111")]);
        var current3 = Lead(3, "C", "x@shared.example", "0333333", 10);
        var current2 = Lead(2, "B", "x@shared.example", "0222222", 20);
        await WriteAsync(current3, historical, current2);

        var hits = await SearchAsync("x@shared.example");

        Assert.Equal([(2L, false), (3L, false), (1L, true)], hits.Select(h => (h.LeadId, h.Historical)));
    }

    [Fact]
    public async Task A_page_holds_at_most_page_size_hits_the_best_ranked_first()
    {
        var leads = Enumerable.Range(1, 30).Select(i => Lead(100 - i, $"Anna {i}", $"anna{i}@example.com", "0123456", (ulong)(i * 10))).ToArray();
        await WriteAsync(leads);

        var hits = await SearchAsync("anna", pageSize: 7);

        Assert.Equal([70L, 71, 72, 73, 74, 75, 76], hits.Select(h => h.LeadId));
    }

    [Fact]
    public async Task A_page_fills_with_historical_hits_after_the_current_ones()
    {
        var current = Lead(5, "Anna Jones", "a5@example.com", "0123456", 1);
        var renamed = SearchLeads.Fold(10, [.. SearchLeads.Initialized(1, "Anna Smith", "a1@example.com", "0123456"), new NameChanged(1, "Berta Smith")]);
        var other = Lead(2, "Carl", "a2@example.com", "0123456", 20);
        await WriteAsync(current, renamed, other);

        var hits = await SearchAsync("anna", pageSize: 2);

        Assert.Equal([(5L, false), (1L, true)], hits.Select(h => (h.LeadId, h.Historical)));
    }

    [Fact]
    public async Task Each_lead_is_one_hit_even_when_several_of_its_values_match()
    {
        var phones = SearchLeads.Fold(1, [.. SearchLeads.Initialized(1, "A", "a@example.com", "0123456"), new ContactInfoChanged(1, "a@example.com", "0123999", "0123999")]);
        await WriteAsync(phones);

        Assert.Equal((1L, "0123999", false), (await SearchOneAsync("0123")) is var h ? (h.LeadId, h.MatchedValue, h.Historical) : default);
    }
}
