using System.Security.Cryptography;

namespace Leads.Privacy.Tests;

public sealed class PersonalDataCipherTests
{
    private static readonly byte[] Key = PersonalDataCipher.NewKey();

    [Fact]
    public void A_sealed_value_opens_to_the_plaintext_and_does_not_contain_it()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "ContactInfoChanged.v1", "email", "stefan@old.example");

        Assert.StartsWith("pii1:", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("stefan", sealedValue, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("stefan@old.example", PersonalDataCipher.Open(Key, 1410, "ContactInfoChanged.v1", "email", sealedValue));
    }

    [Fact]
    public void A_tampered_ciphertext_does_not_open()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "ContactInfoChanged.v1", "email", "stefan@old.example");
        var bytes = Convert.FromBase64String(sealedValue["pii1:".Length..]);
        bytes[14] ^= 0x01;
        var tampered = "pii1:" + Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(Key, 1410, "ContactInfoChanged.v1", "email", tampered));
    }

    [Fact]
    public void A_tampered_tag_does_not_open()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "NameChanged.v1", "name", "Stefan");
        var bytes = Convert.FromBase64String(sealedValue["pii1:".Length..]);
        bytes[^1] ^= 0x80;

        Assert.ThrowsAny<CryptographicException>(() =>
            PersonalDataCipher.Open(Key, 1410, "NameChanged.v1", "name", "pii1:" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void A_value_of_another_lead_does_not_open()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "ContactInfoChanged.v1", "phone", "03-27243457");

        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(Key, 1411, "ContactInfoChanged.v1", "phone", sealedValue));
    }

    [Fact]
    public void A_value_moved_to_another_field_or_event_does_not_open()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "ContactInfoChanged.v1", "phone", "03-27243457");

        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(Key, 1410, "ContactInfoChanged.v1", "email", sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(Key, 1410, "NameChanged.v1", "phone", sealedValue));
    }

    [Fact]
    public void Another_key_does_not_open_a_value()
    {
        var sealedValue = PersonalDataCipher.Seal(Key, 1410, "NameChanged.v1", "name", "Stefan");

        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(PersonalDataCipher.NewKey(), 1410, "NameChanged.v1", "name", sealedValue));
    }

    [Fact]
    public void Every_seal_of_the_same_value_uses_a_new_nonce()
    {
        var nonces = Enumerable.Range(0, 10_000)
            .Select(_ => Convert.FromBase64String(PersonalDataCipher.Seal(Key, 1410, "NameChanged.v1", "name", "Stefan")["pii1:".Length..])[..12])
            .Select(Convert.ToHexString)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, nonces.Count);
    }

    [Theory]
    [InlineData("plain@example.org")]
    [InlineData("pii1:")]
    [InlineData("pii1:not base64!")]
    [InlineData("pii1:AAAA")]
    public void Text_that_is_not_a_whole_sealed_value_does_not_open(string text)
    {
        Assert.ThrowsAny<CryptographicException>(() => PersonalDataCipher.Open(Key, 1410, "NameChanged.v1", "name", text));
    }
}
