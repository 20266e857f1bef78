#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

#include <memory>

// xpadmin's start, between main() and the window. The command line is read before any
// application object exists, so that --help, --version and a bad option are answered by a
// QCoreApplication, without a display; everything else gets a QApplication. A ledger named on
// the command line (`xpadmin FILE`, `--db PATH`) is opened only if it is there: the window says
// why not otherwise, and no file is created unless --demo asks for one.
class GuiStart final
{
public:
    GuiStart(int &argc, char **argv);
    ~GuiStart();

    // Answers the command line or runs the window; the exit status.
    int run();

private:
    // A parser knowing every option, described in the language installed (if any yet).
    static std::unique_ptr<QCommandLineParser> makeParser();
    // Whether the command line is answered on the terminal alone (help, version, an error).
    static bool answeredOnTerminal(const QStringList &arguments);
    // What is wrong with a command line the parser took (two files, a file and --db); empty if nothing.
    static QString usageProblem(const QCommandLineParser &parser);
    void nameApplication();
    int exportChart();
    int openWindow();

    int &m_argc;
    char **m_argv;
    QStringList m_arguments;
    std::unique_ptr<QCoreApplication> m_app;
    std::unique_ptr<QCommandLineParser> m_parser;
};
