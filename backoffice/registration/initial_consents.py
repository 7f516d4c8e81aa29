"""The first published consent texts (version 2026-01), in Polish and English.

Plain data: read by the data migration that publishes them and by `load_demo_registration`.
Staff replace them in the back office (Customers -> Consent texts) with their lawyer's wording.
"""

VERSION = "2026-01"

TEXTS = {
    "terms": {
        "pl": (
            "Akceptuję Regulamin platformy B2B",
            "1. Platforma B2B jest przeznaczona wyłącznie dla przedsiębiorców kupujących w ramach prowadzonej działalności "
            "gospodarczej.\n"
            "2. Dostęp do platformy otrzymuje firma, której zgłoszenie zostało zweryfikowane i zaakceptowane przez "
            "sprzedawcę. Do czasu akceptacji oferta i ceny nie są dostępne.\n"
            "3. Osoba składająca zgłoszenie oświadcza, że jest upoważniona do reprezentowania firmy w zakresie zakupów "
            "i że podane dane są prawdziwe.\n"
            "4. Ceny, rabaty i warunki płatności wynikają z umowy handlowej z firmą i są prezentowane po zalogowaniu.\n"
            "5. Zamówienie złożone na platformie jest wiążące po jego potwierdzeniu przez sprzedawcę.\n"
            "6. Użytkownik zobowiązuje się chronić hasło przed osobami nieupoważnionymi. Za działania wykonane z jego "
            "konta odpowiada firma, którą reprezentuje.\n"
            "7. Sprzedawca może zawiesić dostęp w razie naruszenia Regulaminu lub zaległości w płatnościach.",
        ),
        "en": (
            "I accept the Terms of Service of the B2B platform",
            "1. The B2B platform is intended solely for businesses buying in the course of their business activity.\n"
            "2. Access is granted to a company whose application has been verified and accepted by the seller. Until "
            "then the offer and prices are not available.\n"
            "3. The person filing the application confirms that they are authorised to represent the company in "
            "purchasing and that the data given are true.\n"
            "4. Prices, discounts and payment terms follow from the trade agreement with the company and are shown "
            "after logging in.\n"
            "5. An order placed on the platform is binding once the seller has confirmed it.\n"
            "6. Users keep their password from unauthorised persons. The company they represent is responsible for "
            "actions taken from their account.\n"
            "7. The seller may suspend access if the Terms are breached or payments are overdue.",
        ),
    },
    "privacy": {
        "pl": (
            "Zapoznałem się z Polityką prywatności i akceptuję ją",
            "Administratorem danych osobowych podanych w zgłoszeniu jest sprzedawca prowadzący platformę B2B. Dane "
            "(imię, nazwisko, adres e-mail, telefon) przetwarzamy w celu rozpatrzenia zgłoszenia, założenia i "
            "prowadzenia konta oraz realizacji zamówień (art. 6 ust. 1 lit. b i f RODO). Dane przechowujemy przez "
            "czas współpracy, a po jej zakończeniu przez okres wymagany przepisami podatkowymi. Przysługuje Pani/Panu "
            "prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia przetwarzania, przeniesienia oraz "
            "wniesienia sprzeciwu, a także skargi do Prezesa UODO. Podanie danych jest dobrowolne, ale niezbędne do "
            "rozpatrzenia zgłoszenia.",
        ),
        "en": (
            "I have read and accept the Privacy Policy",
            "The controller of the personal data given in the application is the seller operating the B2B platform. "
            "We process the data (first and last name, email address, phone) to review the application, to create "
            "and run the account and to fulfil orders (Art. 6(1)(b) and (f) GDPR). We keep the data for the duration "
            "of our cooperation and afterwards for as long as tax law requires. You have the right to access, "
            "rectify and erase the data, to restrict processing, to data portability and to object, and to lodge a "
            "complaint with the supervisory authority (UODO). Giving the data is voluntary but necessary to review "
            "the application.",
        ),
    },
    "marketing": {
        "pl": (
            "Chcę otrzymywać informacje handlowe (promocje, nowości) na podany adres e-mail",
            "Wyrażam zgodę na przesyłanie informacji handlowych drogą elektroniczną na podany adres e-mail, zgodnie "
            "z ustawą o świadczeniu usług drogą elektroniczną. Zgodę mogę wycofać w każdej chwili, bez wpływu na "
            "zgodność z prawem przetwarzania dokonanego przed jej wycofaniem.",
        ),
        "en": (
            "I want to receive commercial information (promotions, new products) at the email address given",
            "I agree to receive commercial information by electronic means at the email address given, under the "
            "Polish Act on Providing Services by Electronic Means. I may withdraw this consent at any time, without "
            "affecting the lawfulness of processing before the withdrawal.",
        ),
    },
}
