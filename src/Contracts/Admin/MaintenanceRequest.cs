namespace IceFarm.Contracts.Admin;

/// <summary>Optional body of <c>POST /api/admin/workers/{name}/maintenance</c>.</summary>
/// <param name="Reason">Why the worker is taken out of service, shown to operators (at most 500 characters).</param>
/// <param name="Deadline">When leases still on the worker are force-ended; the service's default drain deadline when absent.</param>
public sealed record MaintenanceRequest(string? Reason, DateTimeOffset? Deadline);
