from medspa_desk.domain.marketing_consent import ConsentChannel, ConsentSource, ConsentStanding


def test_every_channel_has_its_name_and_the_start_of_its_controls_names():
    assert [(channel.label, channel.short_label) for channel in ConsentChannel] == [
        ("Email", "Email"),
        ("Text messages", "SMS"),
        ("Phone calls", "Phone"),
    ]


def test_every_source_and_standing_has_a_label():
    assert [source.label for source in ConsentSource] == [
        "Said at the desk",
        "On a signed form",
        "Replied to a text",
        "Imported from the old system",
    ]
    assert [standing.label for standing in ConsentStanding] == ["Yes", "No", "Never asked"]
