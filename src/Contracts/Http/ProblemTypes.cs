namespace IceFarm.Contracts.Http;

/// <summary>Stable ProblemDetails <c>type</c> values; each ends in the code clients switch on.</summary>
public static class ProblemTypes
{
    /// <summary>Prefix of every problem type.</summary>
    public const string Prefix = "https://icefarm.dev/problems/";
    /// <summary>Not enough boards are free for the request.</summary>
    public const string NotEnoughDevices = Prefix + "not-enough-devices";
    /// <summary>The farm could never grant the request: it asks for more boards of a kind than the farm has, or boards it does not have.</summary>
    public const string ImpossibleRequest = Prefix + "impossible-request";
    /// <summary>The request would exceed one of the client's quotas; the problem's <c>quota</c> names which.</summary>
    public const string QuotaExceeded = Prefix + "quota-exceeded";
    /// <summary>A submitted bitstream is malformed.</summary>
    public const string InvalidBitstream = Prefix + "invalid-bitstream";
    /// <summary>The reservation belongs to another client.</summary>
    public const string NotYourReservation = Prefix + "not-your-reservation";
    /// <summary>The reservation has ended.</summary>
    public const string ReservationEnded = Prefix + "reservation-ended";
    /// <summary>The worker is draining.</summary>
    public const string WorkerDraining = Prefix + "worker-draining";
    /// <summary>Missing or wrong token.</summary>
    public const string Unauthorized = Prefix + "unauthorized";
    /// <summary>The request is malformed.</summary>
    public const string InvalidRequest = Prefix + "invalid-request";
    /// <summary>Nothing has that id.</summary>
    public const string NotFound = Prefix + "not-found";
    /// <summary>The farm's database is unreachable or restarting for a moment: send the same request again after <c>Retry-After</c>.</summary>
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    /// <summary>The <c>Idempotency-Key</c> header is malformed.</summary>
    public const string InvalidIdempotencyKey = Prefix + "invalid-idempotency-key";
    /// <summary>The token was revoked before; a revocation is not repeated.</summary>
    public const string TokenAlreadyRevoked = Prefix + "token-already-revoked";
    /// <summary>A limit on how much one caller may ask was reached; the detail names it. Send again after <c>Retry-After</c>.</summary>
    public const string RateLimited = Prefix + "rate-limited";
    /// <summary>One upload would make more evaluations, or send more bytes to the workers, than one upload may.</summary>
    public const string UploadTooLarge = Prefix + "upload-too-large";
}
