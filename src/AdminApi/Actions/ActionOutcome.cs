using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;

namespace IceFarm.AdminApi.Actions;

/// <summary>What an admin action came to: accepted and sent, or refused with a problem the API and the panel both show.</summary>
internal sealed record ActionOutcome(AdminActionAccepted? Accepted, int Status, string ProblemType, string Title, string Detail)
{
    public const string NotReserved = ProblemTypes.Prefix + "not-reserved";
    public const string InMaintenance = ProblemTypes.Prefix + "worker-in-maintenance";
    public const string InService = ProblemTypes.Prefix + "worker-in-service";
    public const string Held = ProblemTypes.Prefix + "device-held";
    public const string NotHeld = ProblemTypes.Prefix + "device-in-service";

    public bool IsAccepted => Accepted is not null;

    /// <summary>The sentence the panel shows: what will happen, or why nothing will.</summary>
    public string Message => Accepted?.Message ?? Detail;

    public static ActionOutcome Sent(AdminActionAccepted accepted) => new(accepted, StatusCodes.Status202Accepted, "", "", accepted.Message);

    public static ActionOutcome NotFound(string detail) => new(null, StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

    public static ActionOutcome Invalid(string detail) => new(null, StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, "Invalid request", detail);

    public static ActionOutcome AlreadyInMaintenance(string detail) => new(null, StatusCodes.Status409Conflict, InMaintenance, "Already in maintenance", detail);

    public static ActionOutcome AlreadyInService(string detail) => new(null, StatusCodes.Status409Conflict, InService, "Already in service", detail);

    public static ActionOutcome AlreadyHeld(string detail) => new(null, StatusCodes.Status409Conflict, Held, "Already held", detail);

    public static ActionOutcome NothingHeld(string detail) => new(null, StatusCodes.Status409Conflict, NotHeld, "Already in service", detail);

    public static ActionOutcome NothingReserved(string detail) => new(null, StatusCodes.Status409Conflict, NotReserved, "Nothing reserved", detail);
}
