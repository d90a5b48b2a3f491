using Meshy3D.Emulators.Meshy;

var app = MeshyEmulator.CreateApp(args);
app.Run();
