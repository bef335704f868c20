using System.ComponentModel.DataAnnotations;

namespace IceFarm.ReservationService.Auth;

/// <summary>The admin token (<c>Admin:Token</c>, or <c>ICEFARM_ADMIN_TOKEN</c> in the environment).</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    [Required(ErrorMessage = "An admin token is required: set ICEFARM_ADMIN_TOKEN or Admin:Token.")]
    [MinLength(16, ErrorMessage = "The admin token must have at least 16 characters.")]
    public string Token { get; set; } = "";
}
