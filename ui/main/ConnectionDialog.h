#pragma once

#include "db/ConnectionSpec.h"

#include <QDialog>

#include <memory>

class DatabaseWorker;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Connects to a PostgreSQL server: host, port, database, user, password and SSL mode, with a
// button that tries the connection without leaving the dialog. The password is used for this
// session only and is never written to settings.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSpec(const ConnectionSpec &spec);
    ConnectionSpec spec() const;
    // The result of the last test, in words ("Connected: PostgreSQL 15.18 as alice" or the error).
    QString testResult() const;

public slots:
    void testConnection();

signals:
    void testFinished(bool ok);

private:
    void updateButtons();

    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_sslMode;
    QPushButton *m_testButton;
    QLabel *m_result;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<DatabaseWorker> m_tester;
};
