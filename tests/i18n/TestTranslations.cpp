#include "translations/Translations.h"
#include "ui/main/MainWindow.h"

#include <QAction>
#include <QDir>
#include <QHash>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

namespace {

struct Entry
{
    QString text;
    QString statusTip;
};

// The menu bar as a user reads it: each menu's title, then its entries, submenus included.
QList<Entry> menuEntries(const QMenuBar *bar)
{
    QList<Entry> entries;
    std::function<void(const QList<QAction *> &)> walk = [&](const QList<QAction *> &actions) {
        for (const QAction *action : actions) {
            if (action->isSeparator())
                continue;
            entries.append({action->text(), action->statusTip()});
            if (action->menu())
                walk(action->menu()->actions());
        }
    };
    walk(bar->actions());
    return entries;
}

// The letter Alt+letter jumps to: the one after a single "&".
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&') && text.at(i + 1) != QLatin1Char('&'))
            return text.at(i + 1).toLower();
        if (text.at(i) == QLatin1Char('&'))
            ++i;
    }
    return {};
}

// Menu titles, and the entries of each menu, whose Alt+letter is taken by another of them.
QStringList clashingMnemonics(const QList<QAction *> &actions)
{
    QStringList clashes;
    QHash<QChar, QString> seen;
    for (const QAction *action : actions) {
        if (action->isSeparator())
            continue;
        const QChar letter = mnemonic(action->text());
        if (!letter.isNull() && seen.contains(letter))
            clashes << seen.value(letter) + QStringLiteral(" / ") + action->text();
        seen.insert(letter, action->text());
        if (action->menu())
            clashes << clashingMnemonics(action->menu()->actions());
    }
    return clashes;
}

QList<Entry> menuEntriesIn(const QString &language)
{
    if (!Translations::install(language))
        return {};
    MainWindow window(QStringLiteral("tester"));
    return menuEntries(window.menuBar());
}

} // namespace

// The window in German and French, as a user who starts XP Admin with `--lang` or on a German or
// French system sees it; and every compiled translation.
class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void everyTranslationLoads_data();
    void everyTranslationLoads();
    void mainWindowSpeaksGerman();
    void mainWindowSpeaksFrench();
    void everyMenuEntryIsTranslated_data();
    void everyMenuEntryIsTranslated();
    void menuAcceleratorsAreDistinct_data();
    void menuAcceleratorsAreDistinct();
    void choosingALanguageFormatsNumbersForIt();
    void unknownLanguageIsRefused();
    void countsReadAsOneOrMany_data();
    void countsReadAsOneOrMany();
    void systemLanguagesPickTheFirstSpoken_data();
    void systemLanguagesPickTheFirstSpoken();
    void langOptionIsFoundBeforeTheCommand_data();
    void langOptionIsFoundBeforeTheCommand();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-translations"));
}

void TestTranslations::cleanup()
{
    QVERIFY(Translations::install(QStringLiteral("en")));
}

void TestTranslations::everyTranslationLoads_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("quit");
    QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("xpadmin_de.qm") << QStringLiteral("&Beenden");
    QTest::newRow("French") << QStringLiteral("fr") << QStringLiteral("xpadmin_fr.qm") << QStringLiteral("&Quitter");
}

void TestTranslations::everyTranslationLoads()
{
    QFETCH(QString, language);
    QFETCH(QString, file);
    QFETCH(QString, quit);
    // Exactly the languages the programs offer are compiled in.
    QStringList offered = Translations::languages();
    QStringList compiled = QDir(QStringLiteral(":/i18n")).entryList();
    compiled.replaceInStrings(QStringLiteral("xpadmin_"), QString());
    compiled.replaceInStrings(QStringLiteral(".qm"), QString());
    offered.sort();
    compiled.sort();
    QCOMPARE(compiled, offered);

    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/") + file));
    QVERIFY(!translator.isEmpty());
    QVERIFY(translator.language().startsWith(language));
    QCOMPARE(translator.translate("MainWindow", "&Quit"), quit);
}

void TestTranslations::countsReadAsOneOrMany_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("start");
    QTest::newRow("English, one") << QStringLiteral("en") << 1 << QStringLiteral("1 adjustment is waiting");
    QTest::newRow("English, two") << QStringLiteral("en") << 2 << QStringLiteral("2 adjustments are waiting");
    QTest::newRow("German, one") << QStringLiteral("de") << 1 << QStringLiteral("1 Korrektur wartet");
    QTest::newRow("German, two") << QStringLiteral("de") << 2 << QStringLiteral("2 Korrekturen warten");
    QTest::newRow("French, zero") << QStringLiteral("fr") << 0 << QStringLiteral("0 ajustement attend");
    QTest::newRow("French, two") << QStringLiteral("fr") << 2 << QStringLiteral("2 ajustements attendent");
}

// No "adjustment(s)": every language, English included, has its singular and plural.
void TestTranslations::countsReadAsOneOrMany()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, start);
    QVERIFY(Translations::install(language));
    const QString text = QCoreApplication::translate(
        "PendingApprovalsView",
        "%n adjustment(s) waiting for a second person's approval. Select one to approve (it is applied at once) or "
        "reject it.",
        nullptr, count);
    QVERIFY2(text.startsWith(start), qPrintable(text));
}

void TestTranslations::mainWindowSpeaksGerman()
{
    QVERIFY(Translations::install(QStringLiteral("de")));
    MainWindow window(QStringLiteral("tester"));
    QStringList titles;
    for (const QAction *menu : window.menuBar()->actions())
        titles << menu->text();
    QCOMPARE(titles,
             (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("Ha&uptbuch"),
                          QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
    QStringList texts;
    for (const Entry &entry : menuEntries(window.menuBar()))
        texts << entry.text;
    QVERIFY(texts.contains(QStringLiteral("&Rückgängig")));
    QVERIFY(texts.contains(QStringLiteral("&XP korrigieren…")));
    QVERIFY(texts.contains(QStringLiteral("Hauptbuch &prüfen")));
    QVERIFY(texts.contains(QStringLiteral("&Beenden")));
}

void TestTranslations::mainWindowSpeaksFrench()
{
    QVERIFY(Translations::install(QStringLiteral("fr")));
    MainWindow window(QStringLiteral("tester"));
    QStringList titles;
    for (const QAction *menu : window.menuBar()->actions())
        titles << menu->text();
    QCOMPARE(titles,
             (QStringList{QStringLiteral("&Fichier"), QStringLiteral("É&dition"), QStringLiteral("&Registre"),
                          QStringLiteral("Affic&hage"), QStringLiteral("&Aide")}));
    QStringList texts;
    for (const Entry &entry : menuEntries(window.menuBar()))
        texts << entry.text;
    QVERIFY(texts.contains(QStringLiteral("&Annuler")));
    QVERIFY(texts.contains(QStringLiteral("&Vérifier le registre")));
}

void TestTranslations::everyMenuEntryIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("German") << QStringLiteral("de");
    QTest::newRow("French") << QStringLiteral("fr");
}

void TestTranslations::everyMenuEntryIsTranslated()
{
    QFETCH(QString, language);
    const QList<Entry> english = menuEntriesIn(QStringLiteral("en"));
    const QList<Entry> translated = menuEntriesIn(language);
    QVERIFY(english.size() > 20);
    QCOMPARE(translated.size(), english.size());
    QStringList ownNames; // View > Language names each language in itself, in every language
    for (const QString &code : Translations::languages())
        ownNames << Translations::nativeName(code);
    for (qsizetype i = 0; i < english.size(); ++i) {
        if (ownNames.contains(english.at(i).text))
            continue;
        QVERIFY2(translated.at(i).text != english.at(i).text, qPrintable(english.at(i).text));
        QVERIFY2(english.at(i).statusTip.isEmpty() || translated.at(i).statusTip != english.at(i).statusTip,
                 qPrintable(english.at(i).statusTip));
    }
}

void TestTranslations::menuAcceleratorsAreDistinct_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("German") << QStringLiteral("de");
    QTest::newRow("French") << QStringLiteral("fr");
}

void TestTranslations::menuAcceleratorsAreDistinct()
{
    QFETCH(QString, language);
    QVERIFY(Translations::install(language));
    MainWindow window(QStringLiteral("tester"));
    const QStringList clashes = clashingMnemonics(window.menuBar()->actions());
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral(", "))));
}

void TestTranslations::choosingALanguageFormatsNumbersForIt()
{
    QVERIFY(Translations::install(QStringLiteral("de")));
    QCOMPARE(QLocale().language(), QLocale::German);
    QCOMPARE(QLocale().toString(1234567), QStringLiteral("1.234.567"));
    QVERIFY(Translations::install(QStringLiteral("fr")));
    QCOMPARE(QLocale().language(), QLocale::French);
    QCOMPARE(QLocale().toString(1234567), QStringLiteral("1\u202f234\u202f567"));
}

void TestTranslations::unknownLanguageIsRefused()
{
    const Result<QString> installed = Translations::install(QStringLiteral("xx"));
    QVERIFY(!installed);
    QVERIFY(installed.error().message.contains(QStringLiteral("xx")));
    QVERIFY(installed.error().message.contains(QStringLiteral("en, de, fr")));
}

void TestTranslations::systemLanguagesPickTheFirstSpoken_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Swiss German") << QStringList{QStringLiteral("de-CH"), QStringLiteral("de")} << QStringLiteral("de");
    QTest::newRow("Italian, then French")
        << QStringList{QStringLiteral("it-IT"), QStringLiteral("fr_FR")} << QStringLiteral("fr");
    QTest::newRow("English first") << QStringList{QStringLiteral("en-GB"), QStringLiteral("de-DE")}
                                   << QStringLiteral("en");
    QTest::newRow("nothing spoken") << QStringList{QStringLiteral("ja-JP")} << QStringLiteral("en");
    QTest::newRow("C locale") << QStringList{QStringLiteral("C")} << QStringLiteral("en");
}

void TestTranslations::systemLanguagesPickTheFirstSpoken()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, expected);
    QCOMPARE(Translations::pick(uiLanguages), expected);
}

void TestTranslations::langOptionIsFoundBeforeTheCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("rest");
    const QString cli = QStringLiteral("xpadmin-cli");
    QTest::newRow("absent") << QStringList{cli, QStringLiteral("verify")} << QString()
                            << QStringList{cli, QStringLiteral("verify")};
    QTest::newRow("separate value") << QStringList{cli, QStringLiteral("--lang"), QStringLiteral("de"),
                                                   QStringLiteral("verify")}
                                    << QStringLiteral("de") << QStringList{cli, QStringLiteral("verify")};
    QTest::newRow("joined value") << QStringList{cli, QStringLiteral("--db"), QStringLiteral("x.sqlite"),
                                                 QStringLiteral("--lang=fr"), QStringLiteral("verify")}
                                  << QStringLiteral("fr")
                                  << QStringList{cli, QStringLiteral("--db"), QStringLiteral("x.sqlite"),
                                                 QStringLiteral("verify")};
    // After the command, the words belong to the command: an adjustment's reason may be "--lang".
    QTest::newRow("after the command") << QStringList{cli, QStringLiteral("adjust"), QStringLiteral("--reason"),
                                                      QStringLiteral("--lang")}
                                       << QString()
                                       << QStringList{cli, QStringLiteral("adjust"), QStringLiteral("--reason"),
                                                      QStringLiteral("--lang")};
    QTest::newRow("value of --actor") << QStringList{cli, QStringLiteral("--actor"), QStringLiteral("--lang"),
                                                     QStringLiteral("verify")}
                                      << QString()
                                      << QStringList{cli, QStringLiteral("--actor"), QStringLiteral("--lang"),
                                                     QStringLiteral("verify")};
}

void TestTranslations::langOptionIsFoundBeforeTheCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, language);
    QFETCH(QStringList, rest);
    QStringList kept = arguments;
    QCOMPARE(Translations::languageOption(kept, false), language);
    QCOMPARE(kept, arguments);
    QCOMPARE(Translations::languageOption(arguments, true), language);
    QCOMPARE(arguments, rest);
}

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
