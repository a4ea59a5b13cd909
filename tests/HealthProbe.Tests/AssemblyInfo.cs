// The real-composition tests set app settings as process environment variables (the Functions worker reads some
// of them there directly), so tests in this assembly must not run side by side.
[assembly: DoNotParallelize]
