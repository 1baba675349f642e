//! One unit test per segmentation rule (the shared cases file and NTREX are
//! checked in `tests/segment_*.rs`).

use super::*;

fn kk(text: &str) -> Vec<String> {
    split_paragraph(text, Lang::Kk)
}
fn ru(text: &str) -> Vec<String> {
    split_paragraph(text, Lang::Ru)
}
fn en(text: &str) -> Vec<String> {
    split_paragraph(text, Lang::En)
}

#[test]
fn plain_sentences_split_after_dot_question_and_exclamation() {
    assert_eq!(
        kk("Бұл не деген сұмдық! Бұл қалай? Білмеймін."),
        ["Бұл не деген сұмдық!", "Бұл қалай?", "Білмеймін."]
    );
}

#[test]
fn initials_do_not_end_sentences() {
    assert_eq!(kk("Президенті Н.Ә. Назарбаев келді.").len(), 1);
    assert_eq!(kk("Президент Қ.-Ж. Тоқаев келді.").len(), 1);
    assert_eq!(kk("Н. Назарбаев, И. Кәрімов келді.").len(), 1);
    // glued to the surname: the dot has no space after it
    assert_eq!(kk("Т.Жүргенов атындағы академия.").len(), 1);
    // before a lower-case word the initials rule does not apply, but nothing breaks
    assert_eq!(kk("Исхан Б.Ж. болатын.").len(), 1);
}

#[test]
fn two_letter_names_are_not_initials() {
    assert_eq!(kk("Оның аты Ли. Ол келді."), ["Оның аты Ли.", "Ол келді."]);
    // but a digraph inside several initials is one: K.-Zh. Tokayev
    assert_eq!(en("A book by K.-Zh. Tokayev appeared.").len(), 1);
}

#[test]
fn kazakh_never_break_abbreviations() {
    assert_eq!(
        kk("Кейінірек 1870 ж. Әулие Мартин шіркеуі салынды.").len(),
        1
    );
    assert_eq!(kk("Проф. Әбдіғалиев баяндама жасады.").len(), 1);
    assert_eq!(kk("Б.з.б. 45 жылы күнтізбе енгізілді.").len(), 1);
    assert_eq!(kk("Ол ф.ғ.к. Исхан болатын.").len(), 1);
    // glued to the number
    assert_eq!(
        kk("Кейінірек 1870ж. Әулие Мартин шіркеуі салынды.").len(),
        1
    );
}

#[test]
fn enumeration_closers_break_only_before_upper_case() {
    assert_eq!(kk("Қолдан ұстау, т.б. жиі кездеседі.").len(), 1);
    assert_eq!(kk("Тамақтар, т.б.). Лакша бастаған.").len(), 2);
    assert_eq!(
        kk("Орталығы 40.27° с.ш. 77.97° в.д. Тереңдігі 5 км.").len(),
        2
    );
}

#[test]
fn abbreviations_typed_with_latin_lookalikes_still_match() {
    // Latin "c" in "т.с.с", Latin "e" in "т.е"
    assert_eq!(kk("Кітаптар т.c.c. басылымдар шықты.").len(), 1);
    assert_eq!(ru("Т.e. мы согласны. Да.").len(), 2);
    assert_eq!(kk("Кейінірек 1870 ж. Әулие").len(), 1);
}

#[test]
fn units_after_numbers() {
    assert_eq!(
        kk("Компания 2,8 млрд. фунтты құрайды. Холли 11 млн. фунт алды.").len(),
        2
    );
    assert_eq!(ru("Ширина 36 мм и высота 24 мм. Соотношение 3:2.").len(), 2);
    assert_eq!(ru("Стоит 5 млн. руб. Потом подорожало.").len(), 2);
    assert_eq!(ru("Подробнее см. Приложение 1.").len(), 1);
}

#[test]
fn russian_years_and_centuries() {
    assert_eq!(
        ru("Это было 29 сентября 2018 г. В другом интервью иначе.").len(),
        2
    );
    assert_eq!(ru("Это было в г. Москве.").len(), 1);
    assert_eq!(ru("Расцвет на X–XI вв. и XIV в. Сначала просто.").len(), 2);
    assert_eq!(ru("В 45 г. до н.э. ввели календарь.").len(), 1);
}

#[test]
fn english_abbreviations() {
    assert_eq!(en("Mr. Smith met Dr. Jones. They talked.").len(), 2);
    assert_eq!(en("Fruit, e.g. apples, etc. are good. Yes.").len(), 2);
    assert_eq!(en("We sold apples, pears etc. The rest rotted.").len(), 2);
    assert_eq!(en("It is at 5 p.m. on Monday.").len(), 1);
}

#[test]
fn decimals_times_and_domains_are_not_boundaries() {
    assert_eq!(
        kk("Ақпаратты kazinform.kz сайтынан 4.1 балл оқыңыз.").len(),
        1
    );
    assert_eq!(kk("MPV тербелісі - 4.1. Тереңдігі - 15 шақырым.").len(), 2);
    assert_eq!(ru("Пожар потушили к 23:35. После этого всё.").len(), 2);
}

#[test]
fn list_markers() {
    assert_eq!(kk("Мысалы: 1. Кіріспе 2. Негізгі бөлім").len(), 1);
    assert_eq!(
        kk("1. Кіріспе\n2. Негізгі бөлім"),
        ["1. Кіріспе", "2. Негізгі бөлім"]
    );
    assert_eq!(en("Contents: 1. Introduction").len(), 1);
    // a line that is only a marker continues on the next line
    assert_eq!(kk("1.\nКіріспе"), ["1.\nКіріспе"]);
}

#[test]
fn citations_stay_with_their_sentence() {
    assert_eq!(
        kk("Айтқан еді [1]. Дегенмен әртүрлі."),
        ["Айтқан еді [1].", "Дегенмен әртүрлі."]
    );
    assert_eq!(
        kk("Жазылған еді. [2] Келесі жылы."),
        ["Жазылған еді. [2]", "Келесі жылы."]
    );
    assert_eq!(kk("Жазылған еді. [1, 3–5] Келесі жылы.").len(), 2);
}

#[test]
fn glued_double_dot_splits_and_starts_a_paragraph() {
    let doc = split_document("Талап етті..Осыдан бұрын айтқан. Иә.", Lang::Kk);
    let got: Vec<(usize, &str)> = doc.iter().map(|s| (s.paragraph, s.text.as_str())).collect();
    assert_eq!(
        got,
        [(1, "Талап етті."), (2, "Осыдан бұрын айтқан."), (2, "Иә.")]
    );
    assert_eq!(kk("Тиіс [5]..Кез келген."), ["Тиіс [5].", "Кез келген."]);
}

#[test]
fn trailing_heading_is_its_own_segment() {
    assert_eq!(
        kk("Соңғы сөйлем болды. Әдебиеттер.."),
        ["Соңғы сөйлем болды.", "Әдебиеттер.."]
    );
    assert_eq!(
        kk("Соңғы сөйлем..Әдебиеттер..1. Абай"),
        ["Соңғы сөйлем.", "Әдебиеттер.", "1. Абай"]
    );
}

#[test]
fn stray_dot_without_space_is_not_a_boundary() {
    assert_eq!(
        kk("Ташкенттің түбіндегі.«Жібек жолы» шекара өткелі.").len(),
        1
    );
}

#[test]
fn nbsp_and_double_spaces_after_a_boundary() {
    assert_eq!(
        kk("Бұл болады.  Мысалы, иә."),
        ["Бұл болады.", "Мысалы, иә."]
    );
    assert_eq!(
        kk("Бұл болады.\u{A0}Мысалы, иә."),
        ["Бұл болады.", "Мысалы, иә."]
    );
}

#[test]
fn ellipsis_breaks_before_upper_case_only() {
    assert_eq!(kk("Тілім байланды... Бұл не?").len(), 2);
    assert_eq!(kk("Тілім байланды… Бұл не?").len(), 2);
    assert_eq!(kk("Ол күтті... бірақ ешкім келмеді.").len(), 1);
    assert_eq!(ru("Он сказал (...) и ушёл.").len(), 1);
}

#[test]
fn question_glued_to_a_capital_still_breaks() {
    assert_eq!(kk("Бұл қалай?Білмеймін."), ["Бұл қалай?", "Білмеймін."]);
    assert_eq!(en("See site.com/page?Id=5 now.").len(), 1);
}

#[test]
fn reported_speech_and_quotes() {
    assert_eq!(kk("«Қашан келесің?» – деп сұрады ол.").len(), 1);
    assert_eq!(kk("«Қашан?» деп сұрады.").len(), 1);
    assert_eq!(
        kk("«Біз дайынбыз. Жұмыс басталды», – деді министр. Кейін кетті."),
        [
            "«Біз дайынбыз.",
            "Жұмыс басталды», – деді министр.",
            "Кейін кетті."
        ]
    );
    assert_eq!(ru("Он пришёл. – Здравствуйте!").len(), 2);
}

#[test]
fn line_ending_in_an_initial_continues() {
    let doc = split_document(
        "Президенті Н.Ә.\nНазарбаев М.В.\nЛомоносов атындағы.\nКелесі.",
        Lang::Kk,
    );
    assert_eq!(doc.len(), 2);
    assert_eq!(
        doc[0].text,
        "Президенті Н.Ә.\nНазарбаев М.В.\nЛомоносов атындағы."
    );
    assert_eq!((doc[0].paragraph, doc[1].paragraph), (1, 2));
    let doc = split_document("Н.\r\nНазарбаев, И.\r\nКәрiмов келді.", Lang::Kk);
    assert_eq!(doc.len(), 1);
}

#[test]
fn line_ending_in_an_abbreviation_continues() {
    assert_eq!(kk("Кітаптар, журналдар т.с.с.\nбасылымдар шықты.").len(), 1);
    assert_eq!(kk("Проф.\nӘбдіғалиев сөйледі.").len(), 1);
    // an ordinary line end is a hard boundary, even before lower case
    assert_eq!(kk("Бірінші жол\nекінші жол").len(), 2);
}

#[test]
fn paragraphs_skip_blank_lines() {
    let doc = split_document("\n\nБір. Екі.\n \n\u{A0}\nҮш.\n", Lang::Kk);
    let paragraphs: Vec<usize> = doc.iter().map(|s| s.paragraph).collect();
    assert_eq!(paragraphs, [1, 1, 2]);
}

#[test]
fn empty_and_punctuation_only_input() {
    assert!(kk("").is_empty());
    assert!(kk(" \n\t ").is_empty());
    assert_eq!(kk(".."), [".."]);
    assert_eq!(kk(". . ."), [". . ."]);
}

#[test]
fn reference_list_lines_are_whole_segments() {
    let doc =
        "Соңғы сөйлем.\nӘдебиеттер..\n1. Назарбаев Н.Ә. Еуразиялық одақ. – М., 1997. – 480 б.\n\
               2. Статистика агенттігі. Қазақстанның саудасы. – Астана, 2010.\n";
    let got: Vec<(usize, String)> = split_document(doc, Lang::Kk)
        .into_iter()
        .map(|s| (s.paragraph, s.text))
        .collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[1], (2, "Әдебиеттер..".to_string()));
    assert_eq!(got[2].0, 3);
    assert!(got[3].1.ends_with("Астана, 2010."));
    // without the heading, ordinary rules apply
    assert_eq!(kk("Статистика агенттігі. Қазақстанның саудасы.").len(), 2);
    // a heading not followed by numbered lines is only a heading
    assert_eq!(kk("Литература\nБұл сөйлем. Келесі сөйлем.").len(), 3);
    // the list ends at the first line that is not numbered
    let doc = "References\n1. Smith J. Book. – London, 1990.\n\n2. Brown K. Art. – Paris.\nThe end. Really.";
    assert_eq!(split_document(doc, Lang::En).len(), 5);
}
