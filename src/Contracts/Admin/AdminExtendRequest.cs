namespace IceFarm.Contracts.Admin;

/// <summary>Optional body of the admin extend endpoints.</summary>
/// <param name="Duration">ISO-8601 duration to add (such as <c>PT30M</c>); the service's default when absent.</param>
public sealed record AdminExtendRequest(string? Duration);
