"""``python -m workstation`` runs the same CLI as the ``workstation`` script."""

from workstation.cli import main

if __name__ == "__main__":
    main()
