using CsCheck;
using Provisioning.Database.Configuration;

namespace Provisioning.Database.Tests;

[TestClass]
public sealed class CredentialMaskTests
{
    [TestMethod]
    [DataRow("check the host and port", "p", "check the host and port")]
    [DataRow("password p rejected", "p", "password *** rejected")]
    [DataRow("postgresql://app:p@db/todo", "p", "postgresql://app:***@db/todo")]
    [DataRow("key -_.~!# leaked", "-_.~!#", "key *** leaked")]
    [DataRow("a+b=c+b=", "+b=", "a***c***")]
    [DataRow("abcabc", "abc", "abcabc")]
    public void Masks_whole_values_only(string text, string secret, string expected) =>
        Assert.AreEqual(expected, CredentialMask.Apply(text, secret));

    [TestMethod]
    public void A_url_is_masked_before_the_password_inside_it()
    {
        const string url = "postgresql://app:s3cret@db/todo";

        Assert.AreEqual("cannot reach *** (password ***)", CredentialMask.Apply($"cannot reach {url} (password s3cret)", ["s3cret", url]));
    }

    /// <summary>Whatever the text and the password, no whole occurrence survives, and text without it is unchanged.</summary>
    [TestMethod]
    public void No_standalone_occurrence_survives_and_other_text_is_untouched()
    {
        var words = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789 :@/=;.-"], 0, 60];
        // No '*' in passwords here: the mask itself is made of it.
        var secrets = Gen.String[Gen.Char["abcdefghijklmnop0123456789-_.~!#%^+="], 1, 12];
        Gen.Select(words, secrets, words).Sample((before, secret, after) =>
        {
            var text = before + " " + secret + " " + after;
            var masked = CredentialMask.Apply(text, secret);
            Assert.IsFalse(masked.Contains(" " + secret + " ", StringComparison.Ordinal), $"'{secret}' survives in '{masked}'");
            if (!before.Contains(secret, StringComparison.Ordinal) && !after.Contains(secret, StringComparison.Ordinal))
            {
                Assert.AreEqual(before + " " + CredentialMask.Mask + " " + after, masked);
            }
        });
    }
}
