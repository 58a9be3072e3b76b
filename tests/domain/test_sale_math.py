"""A sale's arithmetic: exact to the cent, tips shared as documented, only cash gives change."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medspa_desk.domain.sale_kinds import LineKind, TenderKind
from medspa_desk.domain.sale_math import (
    Cart,
    CartLine,
    SaleInputError,
    TaxRates,
    Tender,
    Tip,
    half_up,
    percent_discount_cents,
    settle,
    tip_shares,
)
from medspa_desk.domain.settings import ClinicSettings
from medspa_desk.domain.tax_categories import TaxCategory

AVA, MIA = 1, 2


def service(price, provider=AVA, **more):
    return CartLine(LineKind.SERVICE, "Neurotoxin", price, provider_id=provider, **more)


def retail(price, quantity=1, product=7, **more):
    return CartLine(LineKind.RETAIL, "Serum", price, quantity=quantity, product_id=product, **more)


def test_half_up_rounds_half_a_cent_up_and_less_down():
    assert half_up(1000, 825) == 83  # 82.5 -> 83
    assert half_up(1001, 825) == 83  # 82.58 -> 83
    assert half_up(994, 825) == 82  # 82.005 -> 82
    assert half_up(0, 825) == 0


def test_montana_defaults_tax_nothing():
    cart = Cart(TaxRates.from_settings(ClinicSettings()), lines=[service(35_000), retail(18_200)])
    assert settle(cart).tax_cents == 0


def test_tax_is_per_line_on_the_discounted_amount_at_its_kinds_rate():
    rates = TaxRates(service=500, retail=825, gift_card=0)
    cart = Cart(rates)
    cart.add(service(10_000, discount_cents=1_000, discount_reason="Loyalty"))  # 9000 * 5 % = 450
    cart.add(retail(1_999, quantity=3))  # 5997 * 8.25 % = 494.75 -> 495
    cart.add(CartLine(LineKind.GIFT_CARD, "Gift card", 5_000))
    cart.add(CartLine(LineKind.FEE, "Late-cancellation fee", 7_500, fee_id=3))  # never taxed
    settled = settle(cart)
    assert [line.tax_cents for line in settled.lines] == [450, 495, 0, 0]
    assert settled.subtotal_cents == 10_000 + 5_997 + 5_000 + 7_500
    assert settled.discount_cents == 1_000
    assert settled.total_cents == 9_000 + 450 + 5_997 + 495 + 5_000 + 7_500


def test_a_product_is_taxed_at_its_own_tax_categorys_rate():
    rates = TaxRates(service=500, retail=825, gift_card=0)
    cart = Cart(rates)
    cart.add(retail(10_000, product=1))  # no category of its own: the retail rate
    cart.add(retail(10_000, product=2, tax_category=TaxCategory.RETAIL))
    cart.add(retail(10_000, product=3, tax_category=TaxCategory.SERVICE))
    cart.add(retail(10_000, product=4, tax_category=TaxCategory.GIFT_CARD))
    assert [line.tax_cents for line in settle(cart).lines] == [825, 825, 500, 0]


def test_a_percent_tip_is_of_the_discounted_services_before_tax():
    cart = Cart(
        TaxRates(service=1000),
        lines=[service(10_050, discount_cents=50, discount_reason="Promo"), retail(5_000)],
    )
    cart.tip = Tip(percent_basis_points=1_850)  # 18.5 % of 100.00
    settled = settle(cart)
    assert settled.tip_cents == 1_850
    assert settled.tips[0].provider_id == AVA


def test_a_tip_amount_is_split_by_service_amount_and_the_odd_cent_goes_to_the_largest():
    lines = [service(20_000, AVA), service(10_000, MIA)]
    shares = tip_shares(lines, Tip(amount_cents=1_001))
    assert {share.provider_id: share.amount_cents for share in shares} == {AVA: 668, MIA: 333}


def test_a_tip_for_a_named_provider_goes_to_that_provider_alone():
    shares = tip_shares(
        [service(20_000, AVA), service(10_000, MIA)], Tip(amount_cents=500, provider_id=MIA)
    )
    assert [(share.provider_id, share.amount_cents) for share in shares] == [(MIA, 500)]


def test_a_tip_needs_a_provider():
    cart = Cart(lines=[retail(5_000)], tip=Tip(amount_cents=500))
    with pytest.raises(SaleInputError, match="which provider"):
        settle(cart)


def test_cash_pays_last_and_gives_the_change():
    cart = Cart(lines=[service(12_345)])
    settled = settle(cart, [Tender.cash(20_000), Tender.card(10_000, "Visa", "4242", "OK1234")])
    assert settled.change_due_cents == 20_000 - 2_345
    assert settled.is_paid
    assert [t.applied_cents for t in settled.tenders] == [2_345, 10_000]


def test_a_card_may_not_pay_more_than_is_due():
    cart = Cart(lines=[service(5_000)])
    with pytest.raises(
        SaleInputError, match=r"card payment of \$60.00 is more than the \$50.00 still due"
    ):
        settle(cart, [Tender.card(6_000, "Visa", "4242", "OK1234")])


def test_cash_when_nothing_is_left_to_pay_is_refused():
    cart = Cart(lines=[service(5_000)])
    with pytest.raises(SaleInputError, match="Nothing is left to pay in cash"):
        settle(cart, [Tender.card(5_000, "Visa", "4242", "OK1234"), Tender.cash(1_000)])


def test_a_partly_paid_sale_shows_the_balance_due():
    settled = settle(Cart(lines=[service(5_000)]), [Tender.gift_card("ABCD", 2_000)])
    assert (settled.paid_cents, settled.balance_due_cents, settled.is_paid) == (2_000, 3_000, False)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: retail(100, quantity=-1), "quantity must be 1 or more"),
        (lambda: retail(100, quantity=0), "quantity must be 1 or more"),
        (lambda: retail(-100), "price cannot be negative"),
        (lambda: retail(100, discount_cents=101, discount_reason="x"), "more than the line"),
        (
            lambda: retail(100, discount_cents=-1, discount_reason="x"),
            "discount cannot be negative",
        ),
        (lambda: retail(100, discount_cents=10), "say why"),
        (lambda: retail(100, discount_cents=10, discount_reason="   "), "say why"),
        (
            lambda: retail(100, discount_cents=10, discount_reason="card 4111 1111 1111 1111"),
            "card number",
        ),
        (
            lambda: CartLine(
                LineKind.FEE, "Fee", 7_500, discount_cents=100, discount_reason="nice"
            ),
            "not discounted",
        ),
        (lambda: CartLine(LineKind.GIFT_CARD, "Gift card", 5_000, quantity=2), "one per line"),
        (lambda: CartLine(LineKind.GIFT_CARD, "Gift card", 0), "more than"),
        (lambda: CartLine(LineKind.RETAIL, "  ", 100), "description"),
        (lambda: Tip(amount_cents=-1), "negative"),
        (lambda: Tip(amount_cents=100, percent_basis_points=1000), "not both"),
        (lambda: Tip(percent_basis_points=20_000), "100 %"),
        (lambda: Tender.cash(0), "more than"),
        (lambda: Tender.card(100, "Visa", "424", "OK"), "exactly 4 digits"),
        (lambda: Tender.card(100, "Visa", "42a2", "OK"), "exactly 4 digits"),
        (lambda: Tender.card(100, "", "4242", "OK"), "which card"),
        (lambda: Tender.card(100, "Visa", "4242", ""), "approval code"),
        (lambda: Tender.card(100, "Visa 4111111111111111", "1111", "OK"), "card number"),
        (lambda: Tender.card(100, "Visa", "4242", "4111-1111-1111-1111"), "card number"),
        (lambda: Tender.gift_card(" ", 100), "code"),
        (lambda: Tender(TenderKind.DEPOSIT, 100), "deposit"),
    ],
)
def test_bad_input_is_refused_in_a_sentence(make, words):
    with pytest.raises(SaleInputError, match=words) as refused:
        make()
    assert isinstance(refused.value, ValueError)
    assert str(refused.value)[0].isupper()


def test_a_product_scanned_again_adds_to_its_line():
    cart = Cart()
    assert cart.add(retail(4_200)) == 0
    assert cart.add(retail(4_200)) == 0
    assert cart.add(retail(9_900, product=8)) == 1
    assert cart.lines[0].quantity == 2


def test_changing_a_line_checks_it_again():
    cart = Cart(lines=[retail(4_200)])
    cart.change(0, discount_cents=200, discount_reason="Damaged box")
    assert settle(cart).total_cents == 4_000
    with pytest.raises(SaleInputError):
        cart.change(0, quantity=-2)
    assert cart.lines[0].quantity == 1


# --- Properties over random carts ----------------------------------------------------------------

rates = st.builds(TaxRates, st.integers(0, 1500), st.integers(0, 1500), st.integers(0, 1500))


@st.composite
def lines(draw):
    kind = draw(st.sampled_from(list(LineKind)))
    one = kind in (LineKind.GIFT_CARD, LineKind.FEE, LineKind.PREPAYMENT, LineKind.DEPOSIT)
    quantity = 1 if one else draw(st.integers(1, 12))
    price = draw(st.integers(1 if one else 0, 250_000))
    discount = 0
    if kind in (LineKind.SERVICE, LineKind.RETAIL, LineKind.GIFT_CARD):
        discount = draw(st.integers(0, quantity * price))
    provider = draw(st.sampled_from([AVA, MIA, 3])) if kind is LineKind.SERVICE else None
    return CartLine(
        kind,
        f"{kind} line",
        price,
        quantity=quantity,
        discount_cents=discount,
        discount_reason="Promotion" if discount else "",
        provider_id=provider,
    )


tips = st.one_of(
    st.just(Tip()),
    st.builds(Tip, amount_cents=st.integers(0, 50_000), provider_id=st.just(AVA)),
    st.builds(Tip, percent_basis_points=st.integers(0, 10_000), provider_id=st.just(MIA)),
)


@given(rates, st.lists(lines(), min_size=1, max_size=8), tips, st.data())
def test_totals_are_exact_and_tenders_pay_the_total(tax, cart_lines, tip, data):
    cart = Cart(tax, lines=cart_lines, tip=tip)
    before = settle(cart)
    assert before.total_cents == sum(line.total_cents for line in before.lines) + before.tip_cents
    assert (
        before.total_cents
        == before.subtotal_cents - before.discount_cents + before.tax_cents + before.tip_cents
    )
    assert all(line.tax_cents >= 0 and line.total_cents >= 0 for line in before.lines)

    # Split what is due at random points between non-cash tenders; cash (maybe more) pays the rest.
    due = before.total_cents
    cuts = sorted(data.draw(st.lists(st.integers(0, due), max_size=3)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, due])]
    *non_cash, cash_part = parts
    tenders = [Tender.card(part, "Visa", "4242", "OK1") for part in non_cash if part]
    if cash_part:
        tenders.append(Tender.cash(cash_part + data.draw(st.integers(0, 10_000))))
    settled = settle(cart, tenders)
    assert settled.change_due_cents >= 0
    assert settled.balance_due_cents == 0
    given_cash = sum(t.amount_cents for t in tenders if t.kind is TenderKind.CASH)
    card = sum(t.amount_cents for t in tenders if t.kind is not TenderKind.CASH)
    assert card + given_cash - settled.change_due_cents == settled.total_cents


@given(
    st.lists(
        st.tuples(st.sampled_from([AVA, MIA, 3]), st.integers(0, 100_000)), min_size=1, max_size=6
    ),
    st.integers(1, 100_000),
)
def test_tip_shares_add_up_to_the_tip_and_follow_the_services(services, tip):
    cart_lines = [service(price, provider) for provider, price in services]
    shares = tip_shares(cart_lines, Tip(amount_cents=tip))
    assert sum(share.amount_cents for share in shares) == tip
    assert all(share.amount_cents > 0 for share in shares)
    earned = {}
    for provider, price in services:
        earned[provider] = earned.get(provider, 0) + price
    if any(earned.values()):
        assert {share.provider_id for share in shares} <= {
            p for p, cents in earned.items() if cents
        }


# --- A discount given as a percent -------------------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "basis_points", "cents"),
    [
        (35000, 1000, 3500),  # 10 % of $350.00
        (33333, 1000, 3333),  # $33.333 rounds down
        (10, 1500, 2),  # 1.5 cents rounds half-up
        (1, 5000, 1),  # half a cent rounds up
        (1, 4999, 0),
        (19999, 1250, 2500),  # 12.5 % of $199.99 = 2499.875
        (35000, 0, 0),
        (35000, 10000, 35000),  # 100 %: the whole line
        (0, 2000, 0),
    ],
)
def test_a_percent_discount_is_of_the_line_before_tax_rounded_half_up(gross, basis_points, cents):
    assert percent_discount_cents(gross, basis_points) == cents


def test_a_percent_discount_rounds_as_a_percent_tip_does():
    for gross in (1, 99, 12345, 19999):
        assert percent_discount_cents(gross, 1850) == half_up(gross, 1850)
