namespace Leads.Search.Tests;

/// <summary>The normal forms every adapter indexes and queries.</summary>
public sealed class SearchTextSpecs
{
    [Theory]
    [InlineData("Stefan Müller", new[] { "stefan", "muller" })]
    [InlineData("  Stéf-Müller ", new[] { "stef", "muller" })]
    [InlineData("Straße Øster Łódź", new[] { "strasse", "oster", "lodz" })]
    [InlineData("Zoë O'Brien", new[] { "zoe", "o", "brien" })]
    [InlineData("", new string[0])]
    public void Name_words_are_lower_case_ascii_runs_of_letters_and_digits(string name, string[] words)
    {
        Assert.Equal(words, SearchText.NameWords(name));
    }

    [Fact]
    public void Phone_digits_ignore_separators()
    {
        Assert.Equal("4903027243457", SearchText.PhoneDigits("+49 (030) 2724-34.57"));
    }

    [Fact]
    public void Emails_compare_lower_cased_and_trimmed()
    {
        Assert.Equal("stefan@old.example", SearchText.Email(" Stefan@OLD.example "));
    }
}
