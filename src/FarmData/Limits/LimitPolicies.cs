namespace IceFarm.FarmData.Limits;

/// <summary>The named rate-limiting policies endpoints opt into, and what a refusal says about each.</summary>
internal static class LimitPolicies
{
    public const string SignIn = "sign-in";
    public const string LeaseAction = "lease-action";
    public const string EventStream = "event-stream";

    public static string Describe(string? policy, LimitOptions limits) => policy switch
    {
        SignIn => $"At most {limits.SignInsPerMinute} sign-in attempts a minute from one address.",
        LeaseAction => $"At most {limits.LeaseActionsPerMinute} extends and reboots a minute per client.",
        EventStream => $"At most {limits.EventStreamsPerClient} open event streams per client; close one first.",
        _ => $"At most {limits.RequestsPerSecond} requests a second per caller (bursts of {limits.RequestBurst}); " +
             $"{limits.AnonymousRequestsPerSecond} a second per address without a valid token.",
    };
}
