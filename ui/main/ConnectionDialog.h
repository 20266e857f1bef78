#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QDialog>

#include <memory>

class CredentialStore;
class DatabaseWorker;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Connects to a PostgreSQL server: host(s), port, database, user, password, the web application's
// schema and TLS, with a button that tries the connection without leaving the dialog. A URL pasted
// at the top (the web application's DATABASE_URL, any libpq form) fills the fields; options the
// fields do not show are kept under "More options". Connect tries it too, and closes
// the dialog only when it works. The password goes to the system keychain when the person asks
// ("Remember"), and nowhere else: never to settings, logs or the recent-databases list. Without a
// keychain, the box is disabled and XP Admin asks each time.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    // store: where remembered passwords live; nullptr is the system keychain.
    explicit ConnectionDialog(QWidget *parent = nullptr, CredentialStore *store = nullptr);
    ~ConnectionDialog() override;

    // Fills the fields; an empty password is looked up in the keychain.
    void setSpec(const ConnectionSpec &spec);
    ConnectionSpec spec() const;
    // Shows why the dialog was opened again ("password authentication failed ...").
    void showProblem(const QString &message);
    // The result of the last test, in words ("Connected: PostgreSQL 15.18 as alice" or the error).
    QString testResult() const;
    bool rememberPassword() const;
    void setRememberPassword(bool remember);
    bool keychainAvailable() const { return m_keychainAvailable; }
    // The URL of a hot standby for the heavy reading (empty: none); kept for this database once
    // connected (ReadStandbySetting).
    QString readStandby() const;

    // spec with the password remembered for it in the system keychain, if it has none.
    static ConnectionSpec withSavedPassword(const ConnectionSpec &spec);
    // Whether opening spec failed for want of a (right) password: ask for it again.
    static bool needsPassword(const ConnectionSpec &spec, const Error &error);

public slots:
    void testConnection();
    // Tries the connection first; closes the dialog once it works.
    void accept() override;

signals:
    void testFinished(bool ok);

private:
    void updateButtons();
    // Fills the fields from a pasted URL; its password goes to the password field only.
    void takeUrl(const QString &text);
    void chooseFile(QLineEdit *field, const QString &caption);
    void loadSavedPassword();
    // Saves or forgets the password as the box says; false when saving failed.
    bool keepPassword();

    CredentialStore *m_store;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLineEdit *m_url;
    QLineEdit *m_schema;
    QComboBox *m_sslMode;
    QLineEdit *m_caFile;
    QLineEdit *m_clientCert;
    QLineEdit *m_clientKey;
    QLineEdit *m_more; // other options, "key=value&key=value" as in a URL
    QString m_sslPassword; // from a pasted URL, never shown
    QLineEdit *m_readStandby;
    QPushButton *m_testButton;
    QLabel *m_result;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<DatabaseWorker> m_tester;
    bool m_keychainAvailable = true;
    bool m_acceptAfterTest = false;
    bool m_testing = false;
    bool m_showsFieldProblem = false; // m_result tells what is wrong with the fields
};
