from pathlib import Path

from medspa_desk.storage.file_location import is_on_network_share

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//nas/clinic /mnt/clinic cifs rw,vers=3.0 0 0
nas:/export /srv/desk nfs4 rw 0 0
/dev/sdb1 /mnt/clinic/local ext4 rw 0 0
/dev/sdc1 /media/usb\\040drive vfat rw 0 0
"""


def test_a_file_on_a_local_disk_is_fine():
    assert not is_on_network_share(Path("/home/desk/clinic.sqlite3"), MOUNTS)
    assert not is_on_network_share(Path("/media/usb drive/clinic.sqlite3"), MOUNTS)


def test_files_on_smb_and_nfs_shares_are_network_files():
    assert is_on_network_share(Path("/mnt/clinic/clinic.sqlite3"), MOUNTS)
    assert is_on_network_share(Path("/srv/desk/data/clinic.sqlite3"), MOUNTS)


def test_the_innermost_mount_decides():
    assert not is_on_network_share(Path("/mnt/clinic/local/clinic.sqlite3"), MOUNTS)


def test_a_mount_point_prefix_is_not_a_parent():
    assert not is_on_network_share(Path("/mnt/clinicbackup/clinic.sqlite3"), MOUNTS)


def test_this_machines_temporary_folder_is_local(tmp_path):
    assert not is_on_network_share(tmp_path / "clinic.sqlite3")
