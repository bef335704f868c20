namespace IceFarm.Contracts.Admin;

/// <summary>Optional body of <c>POST /api/admin/workers/{name}/drain</c>.</summary>
/// <param name="Deadline">When leases still on the worker are force-ended; the service's default when absent.</param>
public sealed record DrainRequest(DateTimeOffset? Deadline);
