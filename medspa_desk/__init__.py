"""medspa_desk: the front-desk app of 406MedicalSpa."""

__version__ = "0.1.0"
