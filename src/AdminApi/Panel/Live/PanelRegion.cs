namespace IceFarm.AdminApi.Panel.Live;

/// <summary>A part of a panel page that the live stream re-renders and replaces when it changes.</summary>
internal enum PanelRegion
{
    Counts,
    Workers,
    Devices,
    Clients,
    ClientReservations,
    Device,
    History,
    Queue,
    ClientQuota,
}
