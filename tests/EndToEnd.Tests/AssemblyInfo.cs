// One local stack for the whole run: scenarios break and repair it in turn, so they must not overlap.
[assembly: DoNotParallelize]
