"""The demo clinic: a made-up but believable 406MedicalSpa for newcomers, training and benchmarks."""
