using IceFarm.Contracts.Devices;

namespace IceFarm.AdminApi.Farm;

/// <summary>The three fields the counts need, projected by PostgreSQL so 10,000 boards are not deserialised whole.</summary>
internal sealed record DeviceCountRow(string Worker, DeviceState State, Guid? ReservationId);
