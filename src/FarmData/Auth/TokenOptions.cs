using System.ComponentModel.DataAnnotations;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.FarmData.Auth;

/// <summary>How bearer tokens are checked (<c>Tokens</c> section).</summary>
internal sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>
    /// How long a replica trusts what it read about a token before reading it again: the longest a revocation takes to
    /// reach every replica. Expiry is checked on every request.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(5);

    [MustBeTrue(ErrorMessage = "Tokens:RecheckAfter must be between 0 and 5 minutes.")]
    public bool IsBounded => RecheckAfter >= TimeSpan.Zero && RecheckAfter <= TimeSpan.FromMinutes(5);
}
